package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingEventPublisher;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications.Sent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The book's handler tests as the book writes them: no dispatcher started, and the effects looked
 * at as soon as {@code bus.handle} returns, which in memory they have run by then.
 */
class BookHandlerTest {

    private final RecordingNotifications notifications = new RecordingNotifications();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final InMemoryDatabase database = new InMemoryDatabase();
    private final MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage()
            .notifications(notifications).publisher(publisher).build();

    @Test
    void sendsEmailOnOutOfStockError() {
        bus.handle(new CreateBatch("b1", "POPULAR-CURTAINS", 9, null));
        bus.handle(new Allocate("o1", "POPULAR-CURTAINS", 10));

        assertThat(notifications.sent()).containsExactly(new Sent("stock@made.com", "Out of stock for POPULAR-CURTAINS"));
    }

    @Test
    void publishesTheAllocationBeforeHandleReturns() {
        bus.handle(new CreateBatch("b1", "LAMP", 9, null));
        bus.handle(new Allocate("o1", "LAMP", 2));

        List<DomainEvent> published = publisher.published();
        assertThat(published).containsExactly(new Allocated("o1", "LAMP", 2, "b1"));
    }

    @Test
    void aFailingEffectLeavesTheCommandDoneAndIsLeftToTheDispatcher() {
        MessageBus failing = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage()
                .publisher((event, id) -> {
                    throw new IllegalStateException("broker down");
                }).build();
        failing.handle(new CreateBatch("b1", "LAMP", 9, null));

        assertThat(failing.handle(new Allocate("o1", "LAMP", 2))).contains("b1");

        assertThat(database.allocationsView().allocations("o1")).hasSize(1);
    }
}
