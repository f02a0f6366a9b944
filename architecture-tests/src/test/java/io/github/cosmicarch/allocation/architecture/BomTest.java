package io.github.cosmicarch.allocation.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM a user imports lists every published module at the project's own version, written out
 * literally so that the installed and published BOM shows it as it is.
 */
class BomTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @Test
    void everyPublishedModuleIsInTheBomAtTheProjectsVersionWrittenOut() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        Matcher projectVersion = VERSION.matcher(parent.substring(parent.indexOf("<artifactId>allocation-parent</artifactId>")));
        assertThat(projectVersion.find()).isTrue();
        String bom = Files.readString(ROOT.resolve("allocation-bom/pom.xml"));
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));

        List<String> artifacts = ARTIFACT.matcher(managed).results().map(match -> match.group(1)).toList();
        List<String> versions = VERSION.matcher(managed).results().map(match -> match.group(1)).toList();

        assertThat(artifacts).containsExactly("allocation-domain", "allocation-service", "allocation-adapter-inmemory",
                "allocation-adapter-jpa", "allocation-testkit");
        assertThat(versions).hasSameSizeAs(artifacts).containsOnly(projectVersion.group(1));
    }
}
