import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutation gate: reads the PIT reports (mutations.xml) of every module, counts each mutant
 * once across reports (killed when any module's tests killed it: the service's handlers and
 * dispatcher are exercised by the in-memory adapter's tests too), and fails when a library module
 * kills under its threshold: the first argument, or {@code module=percent} for one module.
 *
 * <pre>java .ci/MutationGate.java 90 allocation-service=65</pre>
 */
public class MutationGate {

    private static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("allocation-domain", "io.github.cosmicarch.allocation.domain.");
        MODULES.put("allocation-service", "io.github.cosmicarch.allocation.service.");
        MODULES.put("allocation-adapter-inmemory", "io.github.cosmicarch.allocation.adapter.inmemory.");
        MODULES.put("allocation-adapter-jpa", "io.github.cosmicarch.allocation.adapter.jpa.");
    }

    private static final Pattern MUTATION = Pattern.compile("<mutation [^>]*status='(\\w+)'[^>]*>(.*?)</mutation>",
            Pattern.DOTALL);

    public static void main(String[] args) throws Exception {
        double threshold = Double.parseDouble(args.length > 0 ? args[0] : "90");
        Map<String, Double> thresholds = new HashMap<>();
        for (int index = 1; index < args.length; index++) {
            String[] moduleAndPercent = args[index].split("=", 2);
            thresholds.put(moduleAndPercent[0], Double.parseDouble(moduleAndPercent[1]));
        }
        Map<String, Boolean> killedByMutant = new HashMap<>();
        for (String module : MODULES.keySet()) {
            Path report = Path.of(module, "target", "pit-reports", "mutations.xml");
            if (!Files.exists(report)) {
                throw new IllegalStateException("No PIT report at " + report + ": run the mutation profile first");
            }
            Matcher mutation = MUTATION.matcher(Files.readString(report));
            while (mutation.find()) {
                String body = mutation.group(2);
                String key = String.join("|", tag(body, "mutatedClass"), tag(body, "mutatedMethod"),
                        tag(body, "methodDescription"), tag(body, "lineNumber"), tag(body, "mutator"), tag(body, "indexes"));
                boolean killed = Set.of("KILLED", "TIMED_OUT", "MEMORY_ERROR").contains(mutation.group(1));
                killedByMutant.merge(key, killed, Boolean::logicalOr);
            }
        }
        boolean failed = false;
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            int total = 0;
            int killed = 0;
            for (Map.Entry<String, Boolean> mutant : killedByMutant.entrySet()) {
                if (mutant.getKey().startsWith(module.getValue())) {
                    total++;
                    killed += mutant.getValue() ? 1 : 0;
                }
            }
            double score = total == 0 ? 0 : 100.0 * killed / total;
            double required = thresholds.getOrDefault(module.getKey(), threshold);
            boolean below = score < required;
            failed |= below;
            System.out.printf("%-30s %4d of %4d mutants killed: %5.1f %% (at least %.0f %%)%s%n", module.getKey(), killed,
                    total, score, required, below ? "  BELOW" : "");
        }
        if (failed) {
            System.exit(1);
        }
    }

    private static String tag(String body, String name) {
        Matcher value = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(body);
        return value.find() ? value.group(1) : "";
    }
}
