package io.github.cosmicarch.allocation.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules every version of the library keeps, for classes under a base package. The base
 * package is a parameter so that each rule can also be shown failing on deliberately bad classes.
 *
 * <p>Every rule is an allow-list (what may be depended on, not what may not) and fails when it
 * finds no class to check, so that a renamed package cannot make it pass vacuously.
 */
public final class AllocationArchitecture {

    /** The base package of the library. */
    public static final String BASE_PACKAGE = "io.github.cosmicarch.allocation";

    private AllocationArchitecture() {}

    /**
     * The domain depends on the JDK's {@code java.*} packages and on itself, nothing else.
     *
     * @param basePackage the base package
     * @return the rule
     */
    public static ArchRule domainDependsOnlyOnTheJdk(String basePackage) {
        String domain = Layer.DOMAIN.packageUnder(basePackage);
        return classes().that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domain)
                .as("the domain depends on java.* and on itself only")
                .allowEmptyShould(false);
    }

    /**
     * The domain's ports are those the design gives the domain: the repository ({@code Products})
     * and the unit of work, with the two ways storage refuses ({@code ConcurrencyConflict},
     * {@code StorageFailure}). The machinery of durable events (the outbox, handler progress,
     * event encoding) and the adapters' helpers belong to the service or the adapters.
     *
     * @param basePackage the base package
     * @return the rule
     */
    public static ArchRule domainPortsAreTheRepositoryAndTheUnitOfWork(String basePackage) {
        String ports = basePackage + ".domain.port";
        ArchRule onlyThose = classes().that().resideInAPackage(ports).and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().haveSimpleName("Products").orShould().haveSimpleName("UnitOfWork")
                .orShould().haveSimpleName("ConcurrencyConflict").orShould().haveSimpleName("StorageFailure")
                .allowEmptyShould(false);
        ArchRule nowhereElse = classes().that().resideInAPackage(basePackage + ".domain..")
                .should().resideInAnyPackage(basePackage + ".domain.model", ports)
                .allowEmptyShould(false);
        return CompositeArchRule.of(onlyThose).and(nowhereElse)
                .as("the domain is its model and its ports: the repository and the unit of work, with their two failures")
                .allowEmptyShould(false);
    }

    /**
     * Adapters, driven ({@code adapter}, {@code adapters}) or driving ({@code entrypoints}), do
     * not depend on a composition root ({@code bootstrap}, an application's {@code application}
     * package): the root knows the adapters and wires them, never the other way round, so that an
     * adapter can be wired by any root.
     *
     * @param basePackage the base package
     * @return the rule
     */
    public static ArchRule adaptersDoNotDependOnACompositionRoot(String basePackage) {
        return noClasses().that().resideInAnyPackage(basePackage + ".adapter..", basePackage + "..adapters..",
                        basePackage + "..entrypoints..")
                .should().dependOnClassesThat().resideInAnyPackage(basePackage + "..bootstrap..",
                        basePackage + "..application..")
                .as("adapters do not depend on a composition root")
                .allowEmptyShould(false);
    }

    /**
     * Each layer depends only on layers below it. Every layer listed must hold classes.
     *
     * @param basePackage the base package
     * @param layers      the layers that exist
     * @return the rule
     */
    public static ArchRule layersDependOnlyOnLayersBelow(String basePackage, Set<Layer> layers) {
        LayeredArchitecture architecture = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(false);
        for (Layer layer : layers) {
            architecture = architecture.layer(layer.name()).definedBy(layer.packageUnder(basePackage));
        }
        for (Layer layer : layers) {
            String[] allowed = layer.below().stream().filter(layers::contains).map(Layer::name).toArray(String[]::new);
            architecture = allowed.length == 0
                    ? architecture.whereLayer(layer.name()).mayNotAccessAnyLayer()
                    : architecture.whereLayer(layer.name()).mayOnlyAccessLayers(allowed);
        }
        return architecture.as("each layer depends only on the layers below it").allowEmptyShould(false);
    }

    /**
     * Every class under the base package belongs to one of the given layers, or to the
     * architecture rules themselves: a new layer cannot escape the layer rule by not being listed.
     *
     * @param basePackage the base package
     * @param layers      the layers that exist
     * @return the rule
     */
    public static ArchRule everyClassBelongsToALayer(String basePackage, Set<Layer> layers) {
        List<String> packages = new ArrayList<>();
        layers.forEach(layer -> packages.add(layer.packageUnder(basePackage)));
        packages.add(basePackage + ".architecture..");
        return classes().that().resideInAPackage(basePackage + "..")
                .should().resideInAnyPackage(packages.toArray(String[]::new))
                .as("every class belongs to one of the layers " + layers)
                .allowEmptyShould(false);
    }

    /**
     * Adapters do not depend on each other: the in-memory and the JPA adapter can each be used
     * alone.
     *
     * @param basePackage the base package
     * @return the rule
     */
    public static ArchRule adaptersAreIndependent(String basePackage) {
        return slices().matching(basePackage + ".adapter.(*)..")
                .should().notDependOnEachOther()
                .as("adapters do not depend on each other")
                .allowEmptyShould(false);
    }

    /**
     * Driving adapters (entrypoints: HTTP, message listeners, in a package {@code entrypoints})
     * and driven adapters (storage, publishers, mail: the library's {@code adapter} packages and
     * an application's {@code adapters}) do not depend on each other: both talk to the service
     * and the domain only, and only the composition root knows both. An entrypoint that catches
     * a storage adapter's exception, or a publisher that calls an HTTP handler, breaks this.
     *
     * @param basePackage the base package
     * @return the rule
     */
    public static ArchRule drivingAndDrivenAdaptersAreApart(String basePackage) {
        String[] driving = {basePackage + "..entrypoints.."};
        String[] driven = {basePackage + ".adapter..", basePackage + "..adapters.."};
        ArchRule drivingKnowsNoDriven = noClasses().that().resideInAnyPackage(driving)
                .should().dependOnClassesThat().resideInAnyPackage(driven)
                .allowEmptyShould(false);
        ArchRule drivenKnowsNoDriving = noClasses().that().resideInAnyPackage(driven)
                .should().dependOnClassesThat().resideInAnyPackage(driving)
                .allowEmptyShould(false);
        return CompositeArchRule.of(drivingKnowsNoDriven).and(drivenKnowsNoDriving)
                .as("driving adapters (entrypoints) and driven adapters do not depend on each other")
                .allowEmptyShould(false);
    }

    /**
     * The library's core (domain, service, adapters, testkit) is free of Spring: a framework
     * belongs in its own module ({@link Layer#SPRING}), which depends on the core, never the
     * other way round.
     *
     * @param basePackage the base package
     * @return the rule
     */
    public static ArchRule coreIsFreeOfSpring(String basePackage) {
        String[] core = Stream.of(Layer.DOMAIN, Layer.SERVICE, Layer.ADAPTERS, Layer.TESTKIT)
                .map(layer -> layer.packageUnder(basePackage))
                .toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(core)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .as("the core modules do not depend on Spring")
                .allowEmptyShould(false);
    }

    /**
     * No package depends on itself through others.
     *
     * @param basePackage the base package
     * @return the rule
     */
    public static ArchRule noPackageCycles(String basePackage) {
        return slices().matching(basePackage + ".(**)")
                .should().beFreeOfCycles()
                .as("packages are free of cycles")
                .allowEmptyShould(false);
    }
}
