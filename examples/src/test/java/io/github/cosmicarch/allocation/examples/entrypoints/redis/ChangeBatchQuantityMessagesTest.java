package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.examples.entrypoints.redis.ChangeBatchQuantityMessages.Outcome;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bridge's translation of messages into commands, without Redis. */
class ChangeBatchQuantityMessagesTest {

    private final InMemoryDatabase database = new InMemoryDatabase();
    private final MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().build();
    private final ChangeBatchQuantityMessages messages = new ChangeBatchQuantityMessages(bus);

    /** A megabyte of text, as a sender gone wrong may publish. */
    private static final String MEGABYTE = "x".repeat(1 << 20);
    /** The most of a message that the log may show. */
    private static final int SHOWN = 300;

    @Test
    void aQuantityChangeReallocatesTheLinesThatNoLongerFit() {
        bus.handle(CreateBatch.inWarehouse("batch1", "TABLE", 50));
        bus.handle(CreateBatch.arriving("batch2", "TABLE", 50, LocalDate.of(2031, 1, 1)));
        bus.handle(new Allocate("order1", "TABLE", 20));
        bus.handle(new Allocate("order2", "TABLE", 20));

        assertThat(messages.handle("{\"batchref\": \"batch1\", \"qty\": 25}")).isTrue();

        assertThat(database.allocationsView().allocations("order2")).containsExactly(new OrderAllocation("TABLE", "batch2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{\"qty\": 3}", "{\"batchref\": \"b\"}", "{\"batchref\": 1, \"qty\": 3}",
        "{\"batchref\": \"b\", \"qty\": \"3\"}", "{\"batchref\": \"batch9\", \"qty\": 3}", "{\"batchref\": \"batch1\", \"qty\": -1}", "null",
        "{\"batchref\": \"batch1\\u0000\", \"qty\": 3}", "{\"batchref\": \"batch1\\ud800\", \"qty\": 3}",
        "{\"batchref\": \"batch1\", \"qty\": 2} trailing", "{\"batchref\": \"batch1\", \"qty\": 2}{\"batchref\": \"batch1\", \"qty\": 1}"})
    void aBadMessageIsSkippedAndTheNextGoodOneStillWorks(String bad) {
        bus.handle(CreateBatch.inWarehouse("batch1", "LAMP", 50));
        bus.handle(new Allocate("order1", "LAMP", 40));

        assertThat(messages.handle(bad)).isFalse();
        assertThat(database.allocationsView().allocations("order1")).containsExactly(new OrderAllocation("LAMP", "batch1"));

        assertThat(messages.handle("{\"batchref\": \"batch1\", \"qty\": 10}")).isTrue();
    }

    static Stream<String> hugeBadMessages() {
        return Stream.of(
                MEGABYTE,
                "{\"note\": \"" + MEGABYTE + "\"}",
                "{\"batchref\": \"batch1\", \"qty\": 2} " + MEGABYTE,
                "{\"batchref\": \"" + MEGABYTE + "\", \"qty\": 2}",
                "{\"batchref\": \"batch9\", \"qty\": 2, \"note\": \"" + MEGABYTE + "\"}",
                "{\"batchref\": \"batch1\", \"qty\": -1, \"note\": \"" + MEGABYTE + "\"}");
    }

    /**
     * Not JSON, without the fields, with trailing content, with a reference too long, naming an
     * unknown batch, with a negative quantity: each is logged once, by its first 300 characters
     * and its full length, and no logger writes a long line for it.
     */
    @ParameterizedTest
    @MethodSource("hugeBadMessages")
    void aHugeBadMessageIsLoggedOnceByItsBeginningAndItsLength(String bad) {
        bus.handle(CreateBatch.inWarehouse("batch1", "LAMP", 50));

        List<String> logged;
        try (CapturedLog log = new CapturedLog()) {
            assertThat(messages.apply(bad)).isEqualTo(Outcome.SKIPPED);
            logged = log.events();
        }

        assertShownOnceAndCut(bad, logged);
    }

    @Test
    void aHugeMessageThatCannotBeAppliedForWantOfTheDatabaseIsLoggedCutToo() {
        MessageBus withoutDatabase = Bootstrap.builder().unitsOfWork(() -> {
            throw new StorageFailure("The database is unavailable", null);
        }).readModelKeptByStorage().build();
        String message = "{\"batchref\": \"batch1\", \"qty\": 2, \"note\": \"" + MEGABYTE + "\"}";

        List<String> logged;
        try (CapturedLog log = new CapturedLog()) {
            assertThat(new ChangeBatchQuantityMessages(withoutDatabase).apply(message)).isEqualTo(Outcome.FAILED);
            logged = log.events();
        }

        assertShownOnceAndCut(message, logged);
    }

    @Test
    void aShortBadMessageIsLoggedWhole() {
        List<String> logged;
        try (CapturedLog log = new CapturedLog()) {
            messages.apply("{\"batchref\": \"batch9\", \"qty\": 2}");
            logged = log.events();
        }

        assertThat(logged).filteredOn(event -> event.contains("{\"batchref\": \"batch9\", \"qty\": 2}")).hasSize(1)
                .allSatisfy(event -> assertThat(event).doesNotContain("characters"));
    }

    @Test
    void aMessageIsCutBeforeACharacterItWouldSplit() {
        String emoji = "\uD83D\uDCE6";
        String message = "x".repeat(SHOWN - 1) + emoji + "x".repeat(100);

        assertThat(ChangeBatchQuantityMessages.shown(message))
                .isEqualTo("x".repeat(SHOWN - 1) + "... (" + message.length() + " characters in all)");
    }

    /**
     * One event shows the message's first 300 characters and names its length; no event shows more
     * of it, and none is long. Failures describe events by their beginning and length, not whole.
     */
    static void assertShownOnceAndCut(String message, List<String> logged) {
        List<String> showingIt = logged.stream().filter(event -> event.contains(message.substring(0, SHOWN))).toList();
        assertThat(showingIt.size()).as("events showing the message's beginning: %s", described(showingIt)).isEqualTo(1);
        assertThat(showingIt.get(0).contains(message.length() + " characters"))
                .as("the event names the message's length, %d: %s", message.length(), described(showingIt)).isTrue();
        assertThat(logged.stream().filter(event -> event.contains(message.substring(0, SHOWN + 1))).count())
                .as("events showing more than %d characters of it: %s", SHOWN, described(logged)).isZero();
        assertThat(logged.stream().mapToInt(String::length).max().orElse(0)).as("the longest event: %s", described(logged))
                .isLessThan(1_000);
    }

    /** The events, each by its first 100 characters and its length. */
    private static List<String> described(List<String> events) {
        return events.stream().map(event -> event.length() <= 100 ? event
                : event.substring(0, 100) + "... (" + event.length() + " characters)").toList();
    }
}
