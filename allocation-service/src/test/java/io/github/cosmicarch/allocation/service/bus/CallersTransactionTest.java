package io.github.cosmicarch.allocation.service.bus;

import static io.github.cosmicarch.allocation.service.bus.StubUnitOfWork.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bus called inside a transaction of its caller's, which its units of work join. */
class CallersTransactionTest {

    private static final Allocate ALLOCATE = new Allocate("order-1", "LAMP", 1);

    private final StubUnitOfWork.Factory unitsOfWork = new StubUnitOfWork.Factory();
    private final StubUnitOfWork.CallersTransaction transaction = new StubUnitOfWork.CallersTransaction();
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch publishedOnce = new CountDownLatch(1);
    private final AtomicInteger attempts = new AtomicInteger();
    private MessageBus bus;

    /** A builder where the commands not under test have a handler that does nothing. */
    private MessageBus.Builder bus() {
        return MessageBus.builder(unitsOfWork)
                .command(CreateBatch.class, (command, uow) -> null)
                .command(ChangeBatchQuantity.class, (command, uow) -> null);
    }

    @BeforeEach
    void openTheCallersTransaction() {
        bus = bus()
                .command(Allocate.class, (command, uow) -> {
                    attempts.incrementAndGet();
                    record(uow, new Allocated(command.orderId(), command.sku(), command.quantity(), "batch-1"));
                    return Optional.of("batch-1");
                })
                .groupBy(Allocate.class, Allocate::sku)
                .effect(Allocated.class, "publish", (event, id) -> {
                    published.add(event.orderId());
                    publishedOnce.countDown();
                })
                .retryPolicy(new RetryPolicy(5, Duration.ZERO, Duration.ZERO))
                .logger(new LogRecords())
                .build();
        bus.dispatcher().start();
        unitsOfWork.callersTransaction = transaction;
    }

    @AfterEach
    void stop() {
        bus.dispatcher().close();
    }

    @Test
    void effectsWaitForTheCallersCommit() throws InterruptedException {
        bus.handle(ALLOCATE);
        assertThat(publishedOnce.await(200, TimeUnit.MILLISECONDS)).as("published before the commit").isFalse();

        transaction.commit();

        assertThat(publishedOnce.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(published).containsExactly("order-1");
    }

    @Test
    void effectsNeverRunAfterARollback() throws InterruptedException {
        bus.handle(ALLOCATE);

        transaction.rollback();
        unitsOfWork.callersTransaction = null;
        bus.handle(new Allocate("order-2", "LAMP", 1)); // in a transaction of its own: its effects run

        assertThat(publishedOnce.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(published).containsExactly("order-2");
    }

    @Test
    void answersTheCommandAndTheObserverHearsItStartAndFinishOrFailWithHowLongItTook() {
        HeardCommands observer = new HeardCommands();
        LogRecords logged = new LogRecords();
        MessageBus observed = bus()
                .command(Allocate.class, (command, uow) -> {
                    if (command.quantity() > 5) {
                        throw new IllegalStateException("disk full");
                    }
                    return Optional.of("batch-1");
                })
                .observer(observer)
                .logger(logged)
                .build();
        Allocate tooMany = new Allocate("order-2", "LAMP", 6);

        assertThat(observed.handle(ALLOCATE)).contains("batch-1");
        assertThatIllegalStateException().isThrownBy(() -> observed.handle(tooMany));

        assertThat(observer.heard).containsExactly("started " + ALLOCATE, "finished " + ALLOCATE,
                "started " + tooMany, "failed " + tooMany + ": disk full");
        assertThat(logged.messagesAt(Level.WARNING)).containsExactly("Command " + tooMany + " failed | disk full");
    }

    @Test
    void theEffectsOfAnEventWithUnitOfWorkHandlersToo() throws InterruptedException {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch effected = new CountDownLatch(1);
        MessageBus both = bus()
                .command(Allocate.class, (command, uow) -> {
                    record(uow, new Allocated(command.orderId(), command.sku(), command.quantity(), "batch-1"));
                    return Optional.empty();
                })
                .event(Allocated.class, "read-model", (event, uow) -> handled.add("read model " + event.orderId()))
                .effect(Allocated.class, "publish", (event, id) -> {
                    handled.add("published " + event.orderId());
                    effected.countDown();
                })
                .build();
        both.dispatcher().start();
        try {
            both.handle(ALLOCATE);
            assertThat(handled).containsExactly("read model order-1");

            transaction.commit();

            assertThat(effected.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(handled).containsExactly("read model order-1", "published order-1");
        } finally {
            both.dispatcher().close();
        }
    }

    @Test
    void aConflictFailsFastForTheCallerToRetryItsWholeTransaction() {
        MessageBus conflicting = bus()
                .command(Allocate.class, (command, uow) -> {
                    attempts.incrementAndGet();
                    throw new ConcurrencyConflict("LAMP", "changed meanwhile");
                })
                .retryPolicy(new RetryPolicy(5, Duration.ZERO, Duration.ZERO))
                .logger(new LogRecords())
                .build();

        assertThatExceptionOfType(ConcurrencyConflict.class).isThrownBy(() -> conflicting.handle(ALLOCATE));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aGroupedCommandIsHandledAloneOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        List<Thread> handledOn = new ArrayList<>();
        MessageBus grouped = bus()
                .command(Allocate.class, (command, uow) -> {
                    handledOn.add(Thread.currentThread());
                    assertThat(unitsOfWork.callerTransaction()).contains(transaction);
                    return Optional.empty();
                })
                .groupBy(Allocate.class, Allocate::sku)
                .build();

        grouped.handle(ALLOCATE);

        assertThat(handledOn).containsExactly(caller);
    }

    @Test
    void aFailingUnitOfWorkHandlerFailsTheCallSoThatTheCallersTransactionRollsBack() {
        MessageBus failing = bus()
                .command(Allocate.class, (command, uow) -> {
                    record(uow, new Deallocated("order-1", "LAMP", 1));
                    return Optional.empty();
                })
                .event(Deallocated.class, "reallocate", (event, uow) -> {
                    throw new IllegalStateException("no batch left");
                })
                .logger(new LogRecords())
                .build();

        assertThatIllegalStateException().isThrownBy(() -> failing.handle(ALLOCATE)).withMessage("no batch left");
    }

    @Test
    void unitOfWorkHandlersRunInTheCallersTransactionBeforeTheCallReturns() {
        List<String> handled = new ArrayList<>();
        MessageBus reallocating = bus()
                .command(Allocate.class, (command, uow) -> {
                    record(uow, new Deallocated("order-1", "LAMP", 1));
                    return Optional.empty();
                })
                .event(Deallocated.class, "reallocate", (event, uow) -> {
                    assertThat(unitsOfWork.callerTransaction()).contains(transaction);
                    handled.add(event.orderId());
                })
                .build();

        reallocating.handle(ALLOCATE);

        assertThat(handled).containsExactly("order-1");
    }
}
