package io.github.cosmicarch.allocation.testkit.faults;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.service.outbox.Outbox;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import java.util.List;

/**
 * A unit of work that hands every call to another: a test overrides the one call it wants to go
 * wrong, such as a {@link #commit()} that commits and then throws, as a connection lost before the
 * acknowledgement does.
 */
public class ForwardingUnitOfWork implements OutboxUnitOfWork {

    private final OutboxUnitOfWork delegate;

    /**
     * Wraps a unit of work.
     *
     * @param delegate the unit of work every call goes to
     */
    public ForwardingUnitOfWork(OutboxUnitOfWork delegate) {
        this.delegate = requireNonNull(delegate, "delegate");
    }

    @Override
    public Products products() {
        return delegate.products();
    }

    @Override
    public Outbox outbox() {
        return delegate.outbox();
    }

    @Override
    public void commit() {
        delegate.commit();
    }

    @Override
    public void rollback() {
        delegate.rollback();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<RecordedEvent> collectNewEvents() {
        return delegate.collectNewEvents();
    }
}
