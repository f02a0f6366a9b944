package io.github.cosmicarch.allocation.architecture;

import static io.github.cosmicarch.allocation.architecture.AllocationArchitecture.BASE_PACKAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The architecture rules, checked against the compiled classes of every module of the library. */
class ArchitectureTest {

    /** The layers that have a module today; a new module adds its layer here. */
    private static final Set<Layer> LAYERS = EnumSet.allOf(Layer.class);

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE_PACKAGE);

    @Test
    void theRulesSeeTheClassesOfEveryModule() {
        assertThat(LIBRARY.stream().map(JavaClass::getName))
                .contains(
                        "io.github.cosmicarch.allocation.domain.model.Product",
                        "io.github.cosmicarch.allocation.domain.model.Allocated",
                        "io.github.cosmicarch.allocation.domain.port.UnitOfWork",
                        "io.github.cosmicarch.allocation.service.outbox.Outbox",
                        "io.github.cosmicarch.allocation.service.bus.MessageBus",
                        "io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase",
                        "io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase",
                        "io.github.cosmicarch.allocation.testkit.contract.UnitOfWorkContract",
                        "io.github.cosmicarch.allocation.spring.boot.AllocationAutoConfiguration",
                        "io.github.cosmicarch.allocation.examples.walkthrough.AllocationWalkthrough")
                .noneMatch(name -> name.contains(".fixtures."))
                .noneMatch(name -> name.endsWith("Test"));
    }

    @Test
    void theDomainDependsOnlyOnTheJdk() {
        AllocationArchitecture.domainDependsOnlyOnTheJdk(BASE_PACKAGE).check(LIBRARY);
    }

    @Test
    void theDomainsPortsAreTheRepositoryAndTheUnitOfWork() {
        AllocationArchitecture.domainPortsAreTheRepositoryAndTheUnitOfWork(BASE_PACKAGE).check(LIBRARY);
    }

    @Test
    void adaptersDoNotDependOnACompositionRoot() {
        AllocationArchitecture.adaptersDoNotDependOnACompositionRoot(BASE_PACKAGE).check(LIBRARY);
    }

    @Test
    void eachLayerDependsOnlyOnTheLayersBelowIt() {
        AllocationArchitecture.layersDependOnlyOnLayersBelow(BASE_PACKAGE, LAYERS).check(LIBRARY);
    }

    @Test
    void everyClassBelongsToALayer() {
        AllocationArchitecture.everyClassBelongsToALayer(BASE_PACKAGE, LAYERS).check(LIBRARY);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        AllocationArchitecture.adaptersAreIndependent(BASE_PACKAGE).check(LIBRARY);
    }

    @Test
    void drivingAndDrivenAdaptersDoNotDependOnEachOther() {
        AllocationArchitecture.drivingAndDrivenAdaptersAreApart(BASE_PACKAGE).check(LIBRARY);
    }

    @Test
    void theCoreIsFreeOfSpring() {
        AllocationArchitecture.coreIsFreeOfSpring(BASE_PACKAGE).check(LIBRARY);
    }

    @Test
    void packagesAreFreeOfCycles() {
        AllocationArchitecture.noPackageCycles(BASE_PACKAGE).check(LIBRARY);
    }
}
