package io.github.cosmicarch.allocation.service.bus;

import static io.github.cosmicarch.allocation.service.bus.StubUnitOfWork.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MessageBusTest {

    private static final Allocate ALLOCATE = new Allocate("order-1", "LAMP", 1);
    private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);

    private final StubUnitOfWork.Factory unitsOfWork = new StubUnitOfWork.Factory();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final LogRecords logged = new LogRecords();

    /** A builder where the commands not under test have a handler that does nothing. */
    private MessageBus.Builder bus() {
        return MessageBus.builder(unitsOfWork)
                .command(CreateBatch.class, (command, uow) -> null)
                .command(ChangeBatchQuantity.class, (command, uow) -> null)
                .retryPolicy(QUICK_RETRIES)
                .logger(logged);
    }

    @Nested
    class ProcessingOrder {

        @Test
        void handlesTheCommandThenItsEventsFirstInFirstOutIncludingTheEventsOfEvents() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        log.add("allocate");
                        record(uow, new OutOfStock("A"), new OutOfStock("B"));
                        return Optional.of("batch-1");
                    })
                    .event(OutOfStock.class, "handler-1", (event, uow) -> {
                        log.add("out of stock " + event.sku());
                        if (event.sku().equals("A")) {
                            record(uow, new Deallocated("order-9", "A", 1));
                        }
                    })
                    .event(Deallocated.class, "handler-2", (event, uow) -> log.add("deallocated " + event.orderId()))
                    .build();

            assertThat(messageBus.handle(ALLOCATE)).contains("batch-1");

            assertThat(log).containsExactly("allocate", "out of stock A", "out of stock B", "deallocated order-9");
        }

        @Test
        void runsTheHandlersOfOneEventInTheOrderTheyWereAdded() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        record(uow, new OutOfStock("A"));
                        return Optional.empty();
                    })
                    .event(OutOfStock.class, "handler-3", (event, uow) -> log.add("first"))
                    .event(OutOfStock.class, "handler-4", (event, uow) -> log.add("second"))
                    .build();

            messageBus.handle(ALLOCATE);

            assertThat(log).containsExactly("first", "second");
        }

        @Test
        void givesEveryHandlerAUnitOfWorkOfItsOwnAndClosesIt() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        record(uow, new OutOfStock("A"));
                        return Optional.empty();
                    })
                    .event(OutOfStock.class, "handler-5", (event, uow) -> {})
                    .event(OutOfStock.class, "handler-6", (event, uow) -> {})
                    .build();

            messageBus.handle(ALLOCATE);

            assertThat(unitsOfWork.started).hasValue(3);
            assertThat(unitsOfWork.closed).hasValue(3);
        }

        @Test
        void aFailingEventHandlerDoesNotStopTheOthersNorTheCaller() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        record(uow, new OutOfStock("A"), new OutOfStock("B"));
                        return Optional.of("batch-1");
                    })
                    .event(OutOfStock.class, "handler-8", (event, uow) -> log.add("first " + event.sku()))
                    .event(OutOfStock.class, "handler-9", (event, uow) -> {
                        record(uow, new Deallocated("lost", "X", 1));
                        throw new IllegalStateException("mail server down");
                    })
                    .event(OutOfStock.class, "handler-10", (event, uow) -> log.add("third " + event.sku()))
                    .event(Deallocated.class, "handler-11", (event, uow) -> log.add("events of a failed handler must be dropped"))
                    .build();

            assertThat(messageBus.handle(ALLOCATE)).contains("batch-1");

            assertThat(log).containsExactly("first A", "third A", "first B", "third B");
            assertThat(logged.messagesAt(Level.WARNING)).satisfiesExactly(
                    message -> assertThat(message).startsWith("Handler handler-9 failed on OutOfStock[sku=A]")
                            .endsWith("the dispatcher will try again | mail server down"),
                    message -> assertThat(message).startsWith("Handler handler-9 failed on OutOfStock[sku=B]")
                            .endsWith("the dispatcher will try again | mail server down"));
        }

        @Test
        void aFailingCommandPropagatesAndItsEventsAreDropped() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        record(uow, new OutOfStock("A"));
                        throw new IllegalArgumentException("no such product");
                    })
                    .event(OutOfStock.class, "handler-12", (event, uow) -> log.add("must not run"))
                    .build();

            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> messageBus.handle(ALLOCATE))
                    .withMessage("no such product");
            assertThat(log).isEmpty();
            assertThat(unitsOfWork.closed).hasValue(1);
            assertThat(logged.messagesAt(Level.INFO))
                    .containsExactly("Command Allocate[orderId=order-1, sku=LAMP, quantity=1] refused: no such product");
        }

        @Test
        void anUnexpectedCommandFailureIsLoggedAsAWarningWithItsCause() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        throw new IllegalStateException("disk full");
                    })
                    .build();

            assertThatIllegalStateException().isThrownBy(() -> messageBus.handle(ALLOCATE));
            assertThat(logged.messagesAt(Level.WARNING))
                    .containsExactly("Command Allocate[orderId=order-1, sku=LAMP, quantity=1] failed | disk full");
            assertThat(logged.messagesAt(Level.INFO)).isEmpty();
        }

        @Test
        void theObserverHearsEachCommandStartAndFinishOrFailWithHowLongItTook() {
            HeardCommands observer = new HeardCommands();
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        if (command.quantity() > 5) {
                            throw new IllegalArgumentException("too many");
                        }
                        return Optional.of("batch-1");
                    })
                    .observer(observer)
                    .build();
            Allocate tooMany = new Allocate("order-2", "LAMP", 6);

            messageBus.handle(ALLOCATE);
            assertThatIllegalArgumentException().isThrownBy(() -> messageBus.handle(tooMany));

            assertThat(observer.heard).containsExactly("started " + ALLOCATE, "finished " + ALLOCATE,
                    "started " + tooMany, "failed " + tooMany + ": too many");
        }

        @Test
        void aCommandRefusedForItsInputIsLoggedAsInformationNotAsAWarning() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        throw new IllegalArgumentException("quantity too large");
                    })
                    .build();

            assertThatIllegalArgumentException().isThrownBy(() -> messageBus.handle(ALLOCATE));
            assertThat(logged.messagesAt(Level.INFO))
                    .containsExactly("Command Allocate[orderId=order-1, sku=LAMP, quantity=1] refused: quantity too large");
            assertThat(logged.messagesAt(Level.WARNING)).isEmpty();
        }
    }

    @Nested
    class Retries {

        private final List<String> conflicts = Collections.synchronizedList(new ArrayList<>());
        private final BusObserver observer = new BusObserver() {
            @Override
            public void conflicted(Object message, int attempt, ConcurrencyConflict conflict, boolean willRetry) {
                conflicts.add(attempt + (willRetry ? " retried" : " given up"));
            }
        };

        @Test
        void aConflictingCommandIsRetriedInAFreshUnitOfWork() {
            AtomicInteger attempts = new AtomicInteger();
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        if (attempts.incrementAndGet() < 3) {
                            throw new ConcurrencyConflict("LAMP", "changed meanwhile");
                        }
                        return Optional.of("batch-1");
                    })
                    .observer(observer)
                    .build();

            assertThat(messageBus.handle(ALLOCATE)).contains("batch-1");

            assertThat(unitsOfWork.started).hasValue(3);
            assertThat(unitsOfWork.closed).hasValue(3);
            assertThat(conflicts).containsExactly("1 retried", "2 retried");
        }

        @Test
        void aCommandInterruptedWhilePausingBeforeARetryGivesUpWithTheConflictAndStaysInterrupted() throws Exception {
            MessageBus messageBus = bus()
                    .retryPolicy(new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofSeconds(30)))
                    .command(Allocate.class, (command, uow) -> {
                        throw new ConcurrencyConflict("LAMP", "changed meanwhile");
                    })
                    .observer(observer)
                    .build();
            List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> interruptedAfter = Collections.synchronizedList(new ArrayList<>());
            Thread caller = new Thread(() -> {
                try {
                    messageBus.handle(ALLOCATE);
                } catch (RuntimeException failure) {
                    thrown.add(failure);
                    interruptedAfter.add(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            for (int waited = 0; conflicts.isEmpty() && waited < 5_000; waited += 10) {
                TimeUnit.MILLISECONDS.sleep(10);
            }

            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(caller.isAlive()).isFalse();
            assertThat(thrown).singleElement().isInstanceOf(ConcurrencyConflict.class)
                    .satisfies(conflict -> assertThat(conflict.getSuppressed()).singleElement()
                            .isInstanceOf(InterruptedException.class));
            assertThat(interruptedAfter).containsExactly(true);
            assertThat(unitsOfWork.started).hasValue(1);
            assertThat(conflicts).containsExactly("1 retried");
        }

        @Test
        void aConflictBeyondThePolicyPropagates() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        throw new ConcurrencyConflict("LAMP", "changed meanwhile");
                    })
                    .observer(observer)
                    .build();

            assertThatExceptionOfType(ConcurrencyConflict.class).isThrownBy(() -> messageBus.handle(ALLOCATE));

            assertThat(unitsOfWork.started).hasValue(3);
            assertThat(conflicts).containsExactly("1 retried", "2 retried", "3 given up");
        }

        @Test
        void aConflictingEventHandlerIsRetriedToo() {
            AtomicInteger attempts = new AtomicInteger();
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        record(uow, new Deallocated("order-2", "LAMP", 1));
                        return Optional.empty();
                    })
                    .event(Deallocated.class, "handler-13", (event, uow) -> {
                        if (attempts.incrementAndGet() == 1) {
                            throw new ConcurrencyConflict("LAMP", "changed meanwhile");
                        }
                        log.add("reallocated " + event.orderId());
                    })
                    .observer(observer)
                    .build();

            messageBus.handle(ALLOCATE);

            assertThat(log).containsExactly("reallocated order-2");
            assertThat(conflicts).containsExactly("1 retried");
        }

        /**
         * Eight commands meet a conflict on one product at once: their retries take turns, so that
         * in one process they no longer beat each other to the product, and each is retried once.
         */
        @Test
        void retriesOnOneProductTakeTurnsWithinTheBus() throws Exception {
            int commands = 8;
            CountDownLatch allTriedOnce = new CountDownLatch(commands);
            AtomicInteger retrying = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            Set<String> triedOnce = ConcurrentHashMap.newKeySet();
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        if (triedOnce.add(command.orderId())) {
                            allTriedOnce.countDown();
                            awaitQuietly(allTriedOnce);
                            throw new ConcurrencyConflict("LAMP", "changed meanwhile");
                        }
                        mostAtOnce.accumulateAndGet(retrying.incrementAndGet(), Math::max);
                        sleepQuietly(20);
                        retrying.decrementAndGet();
                        return Optional.of("batch-1");
                    })
                    .observer(observer)
                    .build();
            ExecutorService threads = Executors.newFixedThreadPool(commands);
            try {
                List<Callable<Optional<String>>> calls = new ArrayList<>();
                for (int order = 0; order < commands; order++) {
                    Allocate allocate = new Allocate("order-" + order, "LAMP", 1);
                    calls.add(() -> messageBus.handle(allocate));
                }
                for (Future<Optional<String>> result : threads.invokeAll(calls, 30, TimeUnit.SECONDS)) {
                    assertThat(result.get()).contains("batch-1");
                }
            } finally {
                threads.shutdownNow();
            }

            assertThat(mostAtOnce).as("retries of LAMP running at once").hasValue(1);
            assertThat(conflicts).hasSize(commands).containsOnly("1 retried");
        }

        @Test
        void aCommandInterruptedWhileWaitingForItsTurnToRetryGivesUpWithTheConflictAndStaysInterrupted()
                throws Exception {
            CountDownLatch holderRetrying = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        int attempt = attempts.computeIfAbsent(command.orderId(), order -> new AtomicInteger()).incrementAndGet();
                        if (attempt == 1) {
                            throw new ConcurrencyConflict("LAMP", "changed meanwhile");
                        }
                        holderRetrying.countDown();
                        awaitQuietly(release);
                        return Optional.of("batch-1");
                    })
                    .build();
            ExecutorService holder = Executors.newSingleThreadExecutor();
            List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> interruptedAfter = Collections.synchronizedList(new ArrayList<>());
            Thread waiter = new Thread(() -> {
                try {
                    messageBus.handle(new Allocate("waiter", "LAMP", 1));
                } catch (RuntimeException failure) {
                    thrown.add(failure);
                    interruptedAfter.add(Thread.currentThread().isInterrupted());
                }
            });
            try {
                Future<Optional<String>> held = holder.submit(() -> messageBus.handle(new Allocate("holder", "LAMP", 1)));
                assertThat(holderRetrying.await(10, TimeUnit.SECONDS)).isTrue();
                waiter.start();
                for (int waited = 0; waiter.getState() != Thread.State.WAITING && waited < 5_000; waited += 10) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }

                waiter.interrupt();
                waiter.join(TimeUnit.SECONDS.toMillis(10));
                release.countDown();

                assertThat(thrown).singleElement().isInstanceOf(ConcurrencyConflict.class)
                        .satisfies(conflict -> assertThat(conflict.getSuppressed()).singleElement()
                                .isInstanceOf(InterruptedException.class));
                assertThat(interruptedAfter).containsExactly(true);
                assertThat(attempts.get("waiter")).as("no attempt after the interruption").hasValue(1);
                assertThat(held.get(10, TimeUnit.SECONDS)).contains("batch-1");
            } finally {
                release.countDown();
                holder.shutdownNow();
            }
        }

        /** A retry that fails, or gives up, leaves its product's lane free for the next one, on any thread. */
        @Test
        void aLaneIsFreeAgainWhateverEndedTheRetry() throws Exception {
            Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        int attempt = attempts.computeIfAbsent(command.orderId(), order -> new AtomicInteger()).incrementAndGet();
                        if (attempt == 1 || command.orderId().equals("gives-up")) {
                            throw new ConcurrencyConflict("LAMP", "changed meanwhile");
                        }
                        if (command.orderId().equals("breaks")) {
                            throw new IllegalStateException("broken on its retry");
                        }
                        return Optional.of("batch-1");
                    })
                    .build();
            ExecutorService firstThread = Executors.newSingleThreadExecutor();
            ExecutorService secondThread = Executors.newSingleThreadExecutor();
            try {
                for (String ending : List.of("gives-up", "breaks")) {
                    Future<?> ended = firstThread.submit(() -> messageBus.handle(new Allocate(ending, "LAMP", 1)));
                    assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> ended.get(10, TimeUnit.SECONDS));

                    Future<Optional<String>> next =
                            secondThread.submit(() -> messageBus.handle(new Allocate("after-" + ending, "LAMP", 1)));

                    assertThat(next.get(10, TimeUnit.SECONDS)).as("a retry after one that %s", ending).contains("batch-1");
                }
            } finally {
                firstThread.shutdownNow();
                secondThread.shutdownNow();
            }
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }

        private static void sleepQuietly(long millis) {
            try {
                TimeUnit.MILLISECONDS.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }

        @Test
        void otherFailuresAreNotRetried() {
            AtomicInteger attempts = new AtomicInteger();
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> {
                        attempts.incrementAndGet();
                        throw new IllegalStateException("broken");
                    })
                    .build();

            assertThatIllegalStateException().isThrownBy(() -> messageBus.handle(ALLOCATE));
            assertThat(attempts).hasValue(1);
        }
    }

    @Nested
    class Assembly {

        @Test
        void namesTheHandlersOfEachEventTypeInTheOrderTheyRun() {
            MessageBus messageBus = bus()
                    .command(Allocate.class, (command, uow) -> Optional.empty())
                    .event(Deallocated.class, "reallocate", (event, uow) -> {})
                    .effect(Allocated.class, "publish", (event, id) -> {})
                    .event(Allocated.class, "read-model", (event, uow) -> {})
                    .build();

            assertThat(messageBus.dispatcher().handlerNames()).isEqualTo(Map.of(
                    Deallocated.class, List.of("reallocate"), Allocated.class, List.of("publish", "read-model")));
        }

        @Test
        void refusesASecondHandlerForACommand() {
            MessageBus.Builder builder = bus().command(Allocate.class, (command, uow) -> Optional.empty());

            assertThatIllegalStateException()
                    .isThrownBy(() -> builder.command(Allocate.class, (command, uow) -> Optional.empty()))
                    .withMessage("Command Allocate already has a handler: a command has exactly one");
        }

        @Test
        void refusesToBuildWhenACommandHasNoHandler() {
            MessageBus.Builder builder = MessageBus.builder(unitsOfWork)
                    .command(CreateBatch.class, (command, uow) -> null);

            assertThatIllegalStateException()
                    .isThrownBy(builder::build)
                    .withMessage("No handler for command Allocate, ChangeBatchQuantity: every command has exactly one");
        }

        @Test
        void takesAHandlerNameOfUpToTheLengthTheOutboxStores() {
            String longest = "h".repeat(MessageBus.Builder.MAX_NAME_LENGTH);

            assertThat(bus().effect(Allocated.class, longest, (event, id) -> {})).isNotNull();
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> bus().event(Allocated.class, longest + "h", (event, uow) -> {}))
                    .withMessage("A handler's name must be 1 to 100 characters, not blank, but was \"" + longest + "h\"");
        }

        @Test
        void refusesAHandlerNameThatIsMissingBlankOrTaken() {
            MessageBus.Builder builder = bus().event(Allocated.class, "publish", (event, uow) -> {});

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.event(Allocated.class, null, (event, uow) -> {}))
                    .withMessageEndingWith("but was null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.effect(Allocated.class, " ", (event, id) -> {}))
                    .withMessageEndingWith("but was \" \"");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.effect(Deallocated.class, "publish", (event, id) -> {}))
                    .withMessage("Two handlers are named publish: names must be unique");
        }
    }

    @Test
    void oneBusServesManyThreadsEachCallWithItsOwnQueue() throws Exception {
        MessageBus messageBus = bus()
                .command(Allocate.class, (command, uow) -> {
                    record(uow, new OutOfStock(command.orderId()));
                    return Optional.of(Thread.currentThread().getName());
                })
                .event(OutOfStock.class, "handler-14", (event, uow) -> log.add(event.sku() + " on " + Thread.currentThread().getName()))
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int order = 0; order < 2_000; order++) {
                String orderId = "order-" + order;
                calls.add(() -> messageBus.handle(new Allocate(orderId, "LAMP", 1)).orElseThrow());
            }
            List<String> expected = new ArrayList<>();
            List<Future<String>> results = threads.invokeAll(calls);
            for (int order = 0; order < results.size(); order++) {
                expected.add("order-" + order + " on " + results.get(order).get());
            }

            assertThat(log).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            threads.shutdownNow();
        }
    }
}
