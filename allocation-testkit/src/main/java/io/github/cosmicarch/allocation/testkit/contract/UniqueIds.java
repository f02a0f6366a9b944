package io.github.cosmicarch.allocation.testkit.contract;

import java.util.UUID;

/** Ids no other test uses, so contract tests can share a database. */
final class UniqueIds {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    String of(String prefix) {
        return prefix + "-" + suffix;
    }
}
