package io.github.cosmicarch.allocation.architecture;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A layer of the library, the package under the base package that holds it, and the layers it may
 * depend on: only layers below it.
 */
public enum Layer {

    /** The domain model and its ports: depends on no other layer. */
    DOMAIN("domain"),
    /** Commands, handlers and the message bus. */
    SERVICE("service", DOMAIN),
    /** Implementations of the ports: in memory, JPA. */
    ADAPTERS("adapter", SERVICE, DOMAIN),
    /** Generators and contract tests for users' test suites. */
    TESTKIT("testkit", SERVICE, DOMAIN),
    /** Auto-configuration for Spring Boot applications: wires the adapters and the service. */
    SPRING("spring", ADAPTERS, SERVICE, DOMAIN),
    /** Runnable applications built from all of the above. */
    EXAMPLES("examples", ADAPTERS, SERVICE, DOMAIN);

    private final String packageName;
    private final List<Layer> below;

    Layer(String packageName, Layer... below) {
        this.packageName = packageName;
        this.below = List.of(below);
    }

    /**
     * The package pattern of this layer under a base package.
     *
     * @param basePackage the base package, such as {@code io.github.cosmicarch.allocation}
     * @return an ArchUnit package identifier, such as {@code io.github.cosmicarch.allocation.domain..}
     */
    public String packageUnder(String basePackage) {
        return basePackage + "." + packageName + "..";
    }

    /**
     * The layers this one may depend on.
     *
     * @return the layers below this one
     */
    public Set<Layer> below() {
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        layers.addAll(below);
        return layers;
    }
}
