package io.github.cosmicarch.allocation.architecture;

import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.adaptersAreIndependent;
import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.adaptersDoNotDependOnACompositionRoot;
import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.coreIsFreeOfSpring;
import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.domainDependsOnlyOnTheJdk;
import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.domainPortsAreTheRepositoryAndTheUnitOfWork;
import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.drivingAndDrivenAdaptersAreApart;
import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.everyClassBelongsToALayer;
import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.layersDependOnlyOnLayersBelow;
import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.noPackageCycles;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each architecture rule, shown failing on a deliberately bad set of classes and on an empty one,
 * and passing on a well-formed set: a rule that cannot fail proves nothing.
 */
class ArchitectureRulesBiteTest {

    private static final String FIXTURES = "io.github.cosmicarch.allocation.architecture.fixtures";
    private static final Set<Layer> ALL_LAYERS = EnumSet.allOf(Layer.class);

    private static JavaClasses classesUnder(String basePackage) {
        return new ClassFileImporter().importPackages(basePackage);
    }

    @Nested
    class OnDeliberatelyBadClasses {

        @Test
        void theDomainRuleCatchesADomainClassUsingALibrary() {
            String base = FIXTURES + ".leaky";

            assertThatThrownBy(() -> domainDependsOnlyOnTheJdk(base).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("leaky.domain.Stock")
                    .hasMessageContaining("org.assertj");
        }

        @Test
        void theDomainRuleCatchesADomainClassUsingTheServiceLayer() {
            String base = FIXTURES + ".upsidedown";

            assertThatThrownBy(() -> domainDependsOnlyOnTheJdk(base).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("upsidedown.service.Handlers");
        }

        @Test
        void theLayerRuleCatchesALowerLayerUsingAHigherOne() {
            String base = FIXTURES + ".upsidedown";
            ArchRule rule = layersDependOnlyOnLayersBelow(base, EnumSet.of(Layer.DOMAIN, Layer.SERVICE));

            assertThatThrownBy(() -> rule.check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("upsidedown.domain.Order")
                    .hasMessageContaining("upsidedown.service.Handlers");
        }

        @Test
        void theLayerRuleCatchesALayerThatShouldExistButIsEmpty() {
            String base = FIXTURES + ".upsidedown";
            ArchRule rule = layersDependOnlyOnLayersBelow(base, EnumSet.of(Layer.DOMAIN, Layer.SERVICE, Layer.ADAPTERS));

            assertThatThrownBy(() -> rule.check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("ADAPTERS")
                    .hasMessageContaining("empty");
        }

        @Test
        void theAdapterRuleCatchesOneAdapterUsingAnother() {
            String base = FIXTURES + ".crossing";

            assertThatThrownBy(() -> adaptersAreIndependent(base).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("crossing.adapter.jpa.JpaStore")
                    .hasMessageContaining("crossing.adapter.inmemory.MemoryStore");
        }

        @Test
        void theCycleRuleCatchesTwoPackagesUsingEachOther() {
            String base = FIXTURES + ".cycle";

            assertThatThrownBy(() -> noPackageCycles(base).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("cycle.a.Alpha")
                    .hasMessageContaining("cycle.b.Beta");
        }

        @Test
        void theDrivingDrivenRuleCatchesAnEntrypointUsingAStorageAdapterAndAnAdapterUsingAnEntrypoint() {
            String base = FIXTURES + ".twoway";

            assertThatThrownBy(() -> drivingAndDrivenAdaptersAreApart(base).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("twoway.examples.entrypoints.http.Api")
                    .hasMessageContaining("twoway.adapter.jpa.StoreFailure")
                    .hasMessageContaining("twoway.examples.adapters.email.Mailer");
        }

        @Test
        void theFrameworkRuleCatchesAServiceClassUsingSpring() {
            String base = FIXTURES + ".sprung";

            assertThatThrownBy(() -> coreIsFreeOfSpring(base).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("sprung.service.Handlers")
                    .hasMessageContaining("org.springframework");
        }

        @Test
        void thePortsRuleCatchesOutboxMachineryInTheDomain() {
            String base = FIXTURES + ".bloated";

            assertThatThrownBy(() -> domainPortsAreTheRepositoryAndTheUnitOfWork(base).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("bloated.domain.port.Outbox")
                    .hasMessageContaining("bloated.domain.outbox.HandlerProgress")
                    .hasMessageNotContaining("bloated.domain.port.Products");
        }

        @Test
        void theCompositionRootRuleCatchesAnAdapterUsingTheBootstrapAndAnEntrypointUsingTheApplication() {
            String base = FIXTURES + ".rooted";

            assertThatThrownBy(() -> adaptersDoNotDependOnACompositionRoot(base).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("rooted.adapter.memory.MemoryStore")
                    .hasMessageContaining("rooted.service.bootstrap.Bootstrap")
                    .hasMessageContaining("rooted.examples.entrypoints.Web")
                    .hasMessageContaining("rooted.examples.application.Settings");
        }

        @Test
        void theCompletenessRuleCatchesAClassOutsideEveryLayer() {
            String base = FIXTURES + ".stray";

            assertThatThrownBy(() -> everyClassBelongsToALayer(base, EnumSet.of(Layer.DOMAIN)).check(classesUnder(base)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("stray.persistence.ProductTable");
        }
    }

    static Stream<ArchRule> everyRule() {
        String nowhere = "io.github.cosmicarch.allocation.nothing.here";
        return List.of(
                domainDependsOnlyOnTheJdk(nowhere),
                domainPortsAreTheRepositoryAndTheUnitOfWork(nowhere),
                adaptersDoNotDependOnACompositionRoot(nowhere),
                layersDependOnlyOnLayersBelow(nowhere, ALL_LAYERS),
                everyClassBelongsToALayer(nowhere, ALL_LAYERS),
                adaptersAreIndependent(nowhere),
                drivingAndDrivenAdaptersAreApart(nowhere),
                coreIsFreeOfSpring(nowhere),
                noPackageCycles(nowhere)).stream();
    }

    @ParameterizedTest
    @MethodSource("everyRule")
    void everyRuleFailsWhenItFindsNoClassToCheck(ArchRule rule) {
        JavaClasses none = classesUnder("io.github.cosmicarch.allocation.nothing.here");

        assertThatThrownBy(() -> rule.check(none))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("(?s).*(failed to check any classes|is empty).*");
    }

    @Test
    void everyRulePassesOnWellFormedClasses() {
        String base = FIXTURES + ".wellformed";
        JavaClasses classes = classesUnder(base);

        for (ArchRule rule : List.of(
                domainDependsOnlyOnTheJdk(base),
                domainPortsAreTheRepositoryAndTheUnitOfWork(base),
                adaptersDoNotDependOnACompositionRoot(base),
                layersDependOnlyOnLayersBelow(base, EnumSet.complementOf(EnumSet.of(Layer.TESTKIT, Layer.SPRING))),
                everyClassBelongsToALayer(base, ALL_LAYERS),
                adaptersAreIndependent(base),
                drivingAndDrivenAdaptersAreApart(base),
                coreIsFreeOfSpring(base),
                noPackageCycles(base))) {
            assertThatCode(() -> rule.check(classes)).as(rule.getDescription()).doesNotThrowAnyException();
        }
    }
}
