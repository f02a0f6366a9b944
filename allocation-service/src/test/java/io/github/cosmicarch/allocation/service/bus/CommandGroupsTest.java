package io.github.cosmicarch.allocation.service.bus;

import static io.github.cosmicarch.allocation.service.bus.StubUnitOfWork.record;
import static io.github.cosmicarch.allocation.service.bus.StubUnitOfWork.recordWithoutCommit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Commands of one product that wait in the same process are applied together, in one unit of work
 * and one commit, each keeping its answer, its events and its failure. Each test holds the first
 * command's handler until the others are queued behind it, so that they form one group.
 */
class CommandGroupsTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(10);

    private final StubUnitOfWork.Factory unitsOfWork = new StubUnitOfWork.Factory();
    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final LogRecords logged = new LogRecords();
    private final List<List<Command<?>>> groups = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger started = new AtomicInteger();
    private final CountDownLatch firstIsHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        releaseFirst.countDown();
        clients.shutdownNow();
    }

    private MessageBus.Builder bus(CommandHandler<Allocate, Optional<String>> allocate) {
        return MessageBus.builder(unitsOfWork)
                .command(CreateBatch.class, (command, uow) -> null)
                .command(ChangeBatchQuantity.class, (command, uow) -> null)
                .command(Allocate.class, (command, uow) -> {
                    if (command.orderId().equals("first")) {
                        firstIsHeld.countDown();
                        await(releaseFirst);
                    }
                    return allocate.handle(command, uow);
                })
                .groupBy(Allocate.class, Allocate::sku)
                .retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO))
                .logger(logged)
                .observer(new BusObserver() {
                    @Override
                    public void commandStarted(Command<?> command) {
                        started.incrementAndGet();
                    }

                    @Override
                    public void commandFinished(Command<?> command, Duration took) {
                        heard.add("finished " + orderOf(command) + plausible(took));
                    }

                    @Override
                    public void commandFailed(Command<?> command, RuntimeException failure, Duration took) {
                        heard.add("failed " + orderOf(command) + ": " + failure.getMessage() + plausible(took));
                    }

                    @Override
                    public void commandsGrouped(List<Command<?>> commands) {
                        groups.add(commands);
                    }
                });
    }

    /** An allocation that records its event and commits, answering the batch named by the order. */
    private static Optional<String> allocated(Allocate command, UnitOfWork uow) {
        record(uow, new Allocated(command.orderId(), command.sku(), command.quantity(), "batch-of-" + command.orderId()));
        return Optional.of("batch-of-" + command.orderId());
    }

    /** Sends "first", waits until its handler holds it, then sends the others and waits until they are queued. */
    private List<Future<Object>> sendWhileTheFirstIsHeld(MessageBus bus, List<Allocate> others) throws InterruptedException {
        List<Future<Object>> answers = new ArrayList<>();
        answers.add(clients.submit(() -> bus.handle(new Allocate("first", "LAMP", 1))));
        assertThat(firstIsHeld.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (Allocate command : others) {
            answers.add(clients.submit(() -> bus.handle(command)));
        }
        awaitStarted(1 + others.size());
        releaseFirst.countDown();
        return answers;
    }

    private void awaitStarted(int commands) {
        long deadline = System.nanoTime() + LONG_ENOUGH.toNanos();
        while (started.get() < commands && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static String orderOf(Command<?> command) {
        return command instanceof Allocate allocate ? allocate.orderId() : command.toString();
    }

    private static String plausible(Duration took) {
        return took.isNegative() || took.compareTo(LONG_ENOUGH) > 0 ? " in " + took : "";
    }

    private static List<Allocate> lamps(String... orders) {
        return java.util.Arrays.stream(orders).map(order -> new Allocate(order, "LAMP", 1)).toList();
    }

    private static Object outcome(Future<Object> answer) throws InterruptedException {
        try {
            return answer.get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            return failed.getCause().getClass().getSimpleName() + ": " + failed.getCause().getMessage();
        } catch (java.util.concurrent.TimeoutException stuck) {
            throw new AssertionError("no answer within " + LONG_ENOUGH, stuck);
        }
    }

    private List<Object> outcomes(List<Future<Object>> answers) throws InterruptedException {
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> answer : answers) {
            outcomes.add(outcome(answer));
        }
        return outcomes;
    }

    private List<String> storedOrders() {
        return unitsOfWork.stored.values().stream().map(RecordedEvent::event).map(CommandGroupsTest::orderOf).sorted().toList();
    }

    private static String orderOf(DomainEvent event) {
        return ((Allocated) event).orderId();
    }

    @Test
    void commandsQueuedBehindAnotherOfTheirProductShareOneUnitOfWorkEachKeepingItsAnswer() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "b", "c")));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-a"),
                Optional.of("batch-of-b"), Optional.of("batch-of-c"));
        assertThat(unitsOfWork.started).as("one for the first, one for the three queued behind it").hasValue(2);
        assertThat(groups).singleElement().satisfies(group -> assertThat(group).hasSize(3));
        assertThat(storedOrders()).containsExactly("a", "b", "c", "first");
    }

    @Test
    void theObserverHearsEachCommandOfAGroupFinishOnceWithHowLongItWaitedAndRan() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).build();

        outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "b", "c")));

        assertThat(groups).singleElement().satisfies(group -> assertThat(group).extracting(CommandGroupsTest::orderOf)
                .containsExactlyInAnyOrder("a", "b", "c"));
        List<String> appliedInOrder = new ArrayList<>(List.of("finished first"));
        groups.get(0).forEach(command -> appliedInOrder.add("finished " + orderOf(command)));
        assertThat(heard).as("in the order the group applied them").isEqualTo(appliedInOrder);
    }

    @Test
    void aGroupThatStorageRefusesFailsEachOfItsCommandsWithTheSameFailure() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).build();
        unitsOfWork.failingCommit = 2;

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "b")));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), "IllegalStateException: disk full",
                "IllegalStateException: disk full");
        assertThat(heard).containsExactlyInAnyOrder("finished first", "failed a: disk full", "failed b: disk full");
        assertThat(storedOrders()).containsExactly("first");
        assertThat(logged.messagesAt(java.lang.System.Logger.Level.WARNING)).filteredOn(message -> message.startsWith("Command"))
                .containsExactlyInAnyOrder("Command Allocate[orderId=a, sku=LAMP, quantity=1] failed | disk full",
                        "Command Allocate[orderId=b, sku=LAMP, quantity=1] failed | disk full");
    }

    @Test
    void aGroupHoldsAtMost64CommandsAndTheRestFormTheNext() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).build();
        String[] orders = new String[70];
        java.util.Arrays.setAll(orders, index -> "order-" + index);

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps(orders)));

        assertThat(outcomes).hasSize(71).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Optional.class));
        assertThat(groups).extracting(List::size).containsExactly(64, 6);
    }

    @Test
    void aKeyWhoseGroupsAreAllDoneIsLedAgainByTheNextCommand() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).build();
        outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "b")));

        Future<Object> later = clients.submit(() -> bus.handle(new Allocate("later", "LAMP", 1)));

        assertThat(outcome(later)).isEqualTo(Optional.of("batch-of-later"));
    }

    @Test
    void aThreadThatLedAGroupHasItsLaterCommandsQueuedAndGroupedAgain() throws Exception {
        CountDownLatch againIsHeld = new CountDownLatch(1);
        CountDownLatch releaseAgain = new CountDownLatch(1);
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try {
            MessageBus bus = bus((command, uow) -> {
                if (command.orderId().equals("again")) {
                    againIsHeld.countDown();
                    await(releaseAgain);
                }
                return allocated(command, uow);
            }).build();
            Future<Object> first = oneThread.submit(() -> bus.handle(new Allocate("first", "LAMP", 1)));
            assertThat(firstIsHeld.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
            releaseFirst.countDown();
            outcome(first);

            Future<Object> again = oneThread.submit(() -> bus.handle(new Allocate("again", "LAMP", 1)));
            assertThat(againIsHeld.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
            List<Future<Object>> behind = List.of(clients.submit(() -> bus.handle(new Allocate("x", "LAMP", 1))),
                    clients.submit(() -> bus.handle(new Allocate("y", "LAMP", 1))));
            awaitStarted(4);
            releaseAgain.countDown();

            assertThat(outcome(again)).isEqualTo(Optional.of("batch-of-again"));
            assertThat(outcomes(behind)).containsExactly(Optional.of("batch-of-x"), Optional.of("batch-of-y"));
            assertThat(groups).as("x and y queued behind again, which the thread that led before sent")
                    .singleElement().satisfies(group -> assertThat(group).hasSize(2));
        } finally {
            releaseAgain.countDown();
            oneThread.shutdownNow();
        }
    }

    @Test
    void aHandlerThatRollsBackAfterCommittingSendsItsGroupBackOneByOne() throws Exception {
        MessageBus bus = bus((command, uow) -> {
            Optional<String> answer = allocated(command, uow);
            if (command.orderId().equals("undone")) {
                uow.rollback();
            }
            return answer;
        }).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "undone", "c")));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-a"),
                Optional.of("batch-of-undone"), Optional.of("batch-of-c"));
        assertThat(unitsOfWork.started).as("the first, the group rolled back, then each of its three alone").hasValue(5);
    }

    @Test
    void anErrorInAGroupReachesTheThreadThatLedItAndFailsTheOthersInsteadOfLeavingThemWaiting() throws Exception {
        MessageBus bus = bus((command, uow) -> {
            if (command.orderId().equals("broken")) {
                throw new Error("handler broke");
            }
            return allocated(command, uow);
        }).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "broken")));

        assertThat(outcomes.get(0)).isEqualTo(Optional.of("batch-of-first"));
        assertThat(outcomes.subList(1, 3)).containsExactlyInAnyOrder("Error: handler broke",
                "IllegalStateException: The thread applying " + new Allocate(
                        outcomes.get(1).equals("Error: handler broke") ? "broken" : "a", "LAMP", 1) + " with others stopped before it ended");
        assertThat(unitsOfWork.closed).as("every unit of work closed").hasValue(unitsOfWork.started.get());
    }

    @Test
    void aCommandAloneRunsInAUnitOfWorkOfItsOwnAndNoGroupIsFormed() {
        MessageBus bus = bus(CommandGroupsTest::allocated).build();

        assertThat(bus.handle(new Allocate("alone", "LAMP", 1))).contains("batch-of-alone");

        assertThat(unitsOfWork.started).hasValue(1);
        assertThat(groups).isEmpty();
    }

    @Test
    void commandsOfOtherProductsOrTypesAreNotHeldUpByAGroup() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).build();
        Future<Object> first = clients.submit(() -> bus.handle(new Allocate("first", "LAMP", 1)));
        assertThat(firstIsHeld.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(bus.handle(new Allocate("other", "TABLE", 1))).contains("batch-of-other");
        assertThat(bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10))).isNull();

        releaseFirst.countDown();
        assertThat(outcome(first)).isEqualTo(Optional.of("batch-of-first"));
    }

    @Test
    void withOneGroupAtATimeCommandsOfOtherProductsThatWaitedShareTheNextUnitOfWork() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).groupsAtOnce(1).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, List.of(new Allocate("a", "TABLE", 1),
                new Allocate("b", "CHAIR", 1), new Allocate("c", "LAMP", 1))));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-a"),
                Optional.of("batch-of-b"), Optional.of("batch-of-c"));
        assertThat(unitsOfWork.started).as("one for the first, one for the three that waited").hasValue(2);
        assertThat(groups).singleElement().satisfies(group -> assertThat(group).extracting(CommandGroupsTest::orderOf)
                .containsExactlyInAnyOrder("a", "b", "c"));
        assertThat(storedOrders()).containsExactly("a", "b", "c", "first");
    }

    @Test
    void withRoomForAnotherGroupACommandOfAnotherProductIsAppliedAtOnceAndOneOfTheBusyProductWaits() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).groupsAtOnce(2).build();
        Future<Object> first = clients.submit(() -> bus.handle(new Allocate("first", "LAMP", 1)));
        assertThat(firstIsHeld.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Future<Object> behind = clients.submit(() -> bus.handle(new Allocate("behind", "LAMP", 1)));
        awaitStarted(2);

        assertThat(bus.handle(new Allocate("other", "TABLE", 1))).contains("batch-of-other");
        assertThat(behind).isNotDone();

        releaseFirst.countDown();
        assertThat(outcomes(List.of(first, behind))).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-behind"));
        assertThat(groups).isEmpty();
    }

    @Test
    void aConflictInAGroupOfSeveralProductsSendsEachOfItsCommandsBackAloneWithItsOwnRetries() throws Exception {
        AtomicInteger conflictsLeft = new AtomicInteger(1);
        MessageBus bus = bus((command, uow) -> {
            if (command.orderId().equals("c") && conflictsLeft.getAndDecrement() > 0) {
                throw new ConcurrencyConflict("CHAIR", "moved");
            }
            return allocated(command, uow);
        }).groupsAtOnce(1).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, List.of(new Allocate("a", "TABLE", 1),
                new Allocate("c", "CHAIR", 1))));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-a"), Optional.of("batch-of-c"));
        assertThat(unitsOfWork.started).as("the first, the group given up, then each of its two alone").hasValue(4);
        assertThat(storedOrders()).containsExactly("a", "c", "first");
    }

    @Test
    void withOneGroupAtATimeCommandsSentOneAfterTheOtherAreEachAppliedAtOnce() throws Exception {
        MessageBus bus = bus(CommandGroupsTest::allocated).groupsAtOnce(1).build();

        for (String order : List.of("one", "two", "three")) {
            Future<Object> answer = clients.submit(() -> bus.handle(new Allocate(order, "TABLE", 1)));
            assertThat(outcome(answer)).isEqualTo(Optional.of("batch-of-" + order));
        }
        assertThat(unitsOfWork.started).hasValue(3);
        assertThat(groups).isEmpty();
    }

    /** Holds the handler of every command whose order starts with a prefix until released. */
    private final java.util.Map<String, CountDownLatch> gates = new java.util.concurrent.ConcurrentHashMap<>();
    private MessageBus gated;

    private MessageBus.Builder gatedBus() {
        return bus((command, uow) -> {
            gates.forEach((prefix, gate) -> {
                if (command.orderId().startsWith(prefix)) {
                    await(gate);
                }
            });
            return allocated(command, uow);
        });
    }

    private List<Future<Object>> send(List<Allocate> commands) {
        List<Future<Object>> answers = new ArrayList<>();
        for (Allocate command : commands) {
            answers.add(clients.submit(() -> gated.handle(command)));
        }
        return answers;
    }

    private static List<Allocate> orders(String prefix, String sku, int count) {
        List<Allocate> orders = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            orders.add(new Allocate(prefix + index, sku, 1));
        }
        return orders;
    }

    /** Waits until the commands started have had time to queue. */
    private void awaitQueued(int commands) throws InterruptedException {
        awaitStarted(commands);
        Thread.sleep(300);
    }

    @Test
    void whenAGroupOf64LeavesOtherProductsBehindTheyGoInAGroupOfTheirOwnWhileThereIsRoom() throws Exception {
        gates.put("table-", new CountDownLatch(1));
        gates.put("a1", new CountDownLatch(1));
        gates.put("x", new CountDownLatch(1));
        gated = gatedBus().groupsAtOnce(2).build();
        Future<Object> first = clients.submit(() -> gated.handle(new Allocate("first", "LAMP", 1)));
        assertThat(firstIsHeld.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Future<Object> x = clients.submit(() -> gated.handle(new Allocate("x", "DESK", 1)));
        List<Future<Object>> pair = send(List.of(new Allocate("a1", "TABLE", 1), new Allocate("b1", "CHAIR", 1)));
        awaitQueued(4);
        releaseFirst.countDown();
        outcome(first);
        gates.remove("x").countDown();
        outcome(x);
        List<Future<Object>> tables = send(orders("table-", "TABLE", 64));
        awaitQueued(4 + 64);
        List<Future<Object>> chairs = send(orders("chair-", "CHAIR", 3));
        awaitQueued(4 + 64 + 3);

        gates.remove("a1").countDown();

        assertThat(outcomes(pair)).containsExactly(Optional.of("batch-of-a1"), Optional.of("batch-of-b1"));
        assertThat(outcomes(chairs)).as("applied while the 64 tables are held").hasSize(3)
                .allSatisfy(answer -> assertThat(answer).isInstanceOf(Optional.class));
        assertThat(tables).noneMatch(Future::isDone);
        gates.remove("table-").countDown();
        assertThat(outcomes(tables)).hasSize(64).allSatisfy(answer -> assertThat(answer).isInstanceOf(Optional.class));
    }

    @Test
    void aGroupOf64LeavesOtherProductsWaitingWhenItTakesTheLastRoom() throws Exception {
        gates.put("table-", new CountDownLatch(1));
        gated = gatedBus().groupsAtOnce(1).build();
        Future<Object> first = clients.submit(() -> gated.handle(new Allocate("first", "LAMP", 1)));
        assertThat(firstIsHeld.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<Future<Object>> tables = send(orders("table-", "TABLE", 64));
        awaitQueued(1 + 64);
        List<Future<Object>> chairs = send(orders("chair-", "CHAIR", 3));
        awaitQueued(1 + 64 + 3);

        releaseFirst.countDown();
        outcome(first);
        Thread.sleep(300);

        assertThat(chairs).as("one group at a time: the chairs wait for the tables").noneMatch(Future::isDone);
        gates.remove("table-").countDown();
        assertThat(outcomes(tables)).hasSize(64);
        assertThat(outcomes(chairs)).hasSize(3).allSatisfy(answer -> assertThat(answer).isInstanceOf(Optional.class));
        assertThat(groups).extracting(List::size).containsExactly(64, 3);
    }

    @Test
    void aLimitOfGroupsAtOnceIsAtLeastOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageBus.builder(unitsOfWork).groupsAtOnce(0))
                .withMessage("groupsAtOnce must be at least 1, but was 0");
    }

    @Test
    void aDatabaseThatFailsUnderAGroupFailsTheGroupAtOnceRatherThanEachCommandAgainAlone() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        MessageBus bus = bus((command, uow) -> {
            if (!command.orderId().equals("first")) {
                handled.incrementAndGet();
                throw new StorageFailure("The database failed while loading product LAMP", new RuntimeException("timeout"));
            }
            return allocated(command, uow);
        }).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "b", "c")));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"),
                "StorageFailure: The database failed while loading product LAMP",
                "StorageFailure: The database failed while loading product LAMP",
                "StorageFailure: The database failed while loading product LAMP");
        assertThat(handled).as("once, by the group: not each command again, each waiting for the database").hasValue(1);
        assertThat(storedOrders()).containsExactly("first");
    }

    @Test
    void aCommandThatFailsInAGroupFailsAloneAndTheOthersAreKept() throws Exception {
        MessageBus bus = bus((command, uow) -> {
            if (command.orderId().equals("bad")) {
                throw new IllegalArgumentException("refused " + command.orderId());
            }
            return allocated(command, uow);
        }).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "bad", "c")));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-a"),
                "IllegalArgumentException: refused bad", Optional.of("batch-of-c"));
        assertThat(storedOrders()).containsExactly("a", "c", "first");
    }

    @Test
    void aCommandWhoseHandlerDoesNotCommitKeepsItsAnswerButNothingOfItIsStored() throws Exception {
        MessageBus bus = bus((command, uow) -> {
            if (command.orderId().equals("dry-run")) {
                recordWithoutCommit(uow, new Allocated("dry-run", "LAMP", 1, "x"));
                return Optional.of("not kept");
            }
            return allocated(command, uow);
        }).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "dry-run", "c")));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-a"),
                Optional.of("not kept"), Optional.of("batch-of-c"));
        assertThat(storedOrders()).containsExactly("a", "c", "first");
    }

    @Test
    void aConflictRetriesTheWholeGroupInANewUnitOfWork() throws Exception {
        AtomicInteger conflictsLeft = new AtomicInteger(1);
        MessageBus bus = bus((command, uow) -> {
            if (command.orderId().equals("c") && conflictsLeft.getAndDecrement() > 0) {
                throw new ConcurrencyConflict("LAMP", "moved");
            }
            return allocated(command, uow);
        }).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus, lamps("a", "b", "c")));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-a"),
                Optional.of("batch-of-b"), Optional.of("batch-of-c"));
        assertThat(unitsOfWork.started).as("the first, the group and its retry").hasValue(3);
        assertThat(storedOrders()).containsExactly("a", "b", "c", "first");
    }

    @Test
    void theUnitOfWorkHandlersOfEveryCommandsEventsHaveRunWhenItsAnswerComes() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        MessageBus bus = bus(CommandGroupsTest::allocated)
                .event(Allocated.class, "note", (event, uow) -> handled.add(event.orderId()))
                .build();
        List<Future<Object>> answers = sendWhileTheFirstIsHeld(bus, lamps("a", "b"));

        for (Future<Object> answer : answers) {
            outcome(answer);
            String order = answers.indexOf(answer) == 0 ? "first" : answers.indexOf(answer) == 1 ? "a" : "b";
            assertThat(handled).contains(order);
        }
        assertThat(groups).singleElement().satisfies(group -> assertThat(group).hasSize(2));
    }

    @Test
    void aHandlerThatSendsACommandOfTheSameProductIsAnsweredNotDeadlocked() throws Exception {
        MessageBus[] bus = new MessageBus[1];
        bus[0] = bus((command, uow) -> {
            if (command.orderId().startsWith("parent")) {
                bus[0].handle(new Allocate("child-of-" + command.orderId(), "LAMP", 1));
            }
            return allocated(command, uow);
        }).build();

        List<Object> outcomes = outcomes(sendWhileTheFirstIsHeld(bus[0], lamps("parent-1", "parent-2")));

        assertThat(outcomes).containsExactly(Optional.of("batch-of-first"), Optional.of("batch-of-parent-1"),
                Optional.of("batch-of-parent-2"));
        assertThat(storedOrders()).contains("child-of-parent-1", "child-of-parent-2");
    }

    @Test
    void withoutGroupByEveryCommandHasAUnitOfWorkOfItsOwn() throws Exception {
        MessageBus bus = MessageBus.builder(unitsOfWork)
                .command(CreateBatch.class, (command, uow) -> null)
                .command(ChangeBatchQuantity.class, (command, uow) -> null)
                .command(Allocate.class, CommandGroupsTest::allocated)
                .build();
        List<Future<Object>> answers = new ArrayList<>();
        for (Allocate command : lamps("a", "b", "c", "d")) {
            answers.add(clients.submit(() -> bus.handle(command)));
        }

        outcomes(answers);

        assertThat(unitsOfWork.started).hasValue(4);
    }

    @Test
    void aCommandTypeIsGroupedByOneKeyAndEveryGroupedTypeMustHaveAHandler() {
        Function<Allocate, String> bySku = Allocate::sku;
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageBus.builder(unitsOfWork).groupBy(Allocate.class, bySku).groupBy(Allocate.class, bySku))
                .withMessage("Allocate is already grouped: a command type has one key");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
