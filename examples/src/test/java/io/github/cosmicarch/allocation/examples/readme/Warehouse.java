package io.github.cosmicarch.allocation.examples.readme;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** The README's listener of the library's events. */
// README
@Component
public class Warehouse {

    final List<String> toPick = new CopyOnWriteArrayList<>();

    @TransactionalEventListener // after the commit that published it; at least once, so idempotent
    public void on(Allocated allocated) {
        toPick.add(allocated.orderId() + " from " + allocated.batchReference());
    }
}
// END README
