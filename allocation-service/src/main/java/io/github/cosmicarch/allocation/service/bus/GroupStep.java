package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;

/**
 * The unit of work a grouped command's handler is given: the group's, except that committing only
 * notes that the handler is done, for the group commits once, after its last command.
 */
final class GroupStep implements UnitOfWork {

    private final UnitOfWork group;
    private boolean committed;
    private boolean rolledBack;

    GroupStep(UnitOfWork group) {
        this.group = group;
    }

    /** Whether the handler committed and never rolled back: what its group can keep. */
    boolean committedOnly() {
        return committed && !rolledBack;
    }

    @Override
    public Products products() {
        return group.products();
    }

    @Override
    public void commit() {
        committed = true;
    }

    @Override
    public void rollback() {
        rolledBack = true;
    }

    @Override
    public void close() {}
}
