package io.github.cosmicarch.allocation.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.testkit.contract.UnitOfWorkContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What a consumer receives: the BOM lists every published module at the project's own version,
 * written out literally so that the installed and published BOM shows it as it is, and every
 * published module carries the project's licence.
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
                "allocation-adapter-jpa", "allocation-spring-boot", "allocation-spring-boot-starter", "allocation-testkit");
        assertThat(versions).hasSameSizeAs(artifacts).containsOnly(projectVersion.group(1));
    }

    @Test
    void everyPublishedModuleCarriesTheLicenceOfTheProject() throws Exception {
        byte[] licence = Files.readAllBytes(ROOT.resolve("LICENSE"));
        for (Class<?> type : List.of(Product.class,
                MessageBus.class,
                InMemoryDatabase.class,
                JpaDatabase.class,
                io.github.cosmicarch.allocation.spring.boot.AllocationAutoConfiguration.class,
                UnitOfWorkContract.class)) {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            byte[] carried;
            if (Files.isDirectory(location)) {
                carried = Files.readAllBytes(location.resolve("META-INF/LICENSE"));
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    ZipEntry entry = jar.getEntry("META-INF/LICENSE");
                    assertThat(entry).as("META-INF/LICENSE in %s", location).isNotNull();
                    carried = jar.getInputStream(entry).readAllBytes();
                }
            }
            assertThat(carried).as("the licence in %s", location).isEqualTo(licence);
        }
    }
}
