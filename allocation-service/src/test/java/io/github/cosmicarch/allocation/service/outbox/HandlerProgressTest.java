package io.github.cosmicarch.allocation.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress.Status;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where each handler stands with a stored event, and the event with the progress of its handlers. */
class HandlerProgressTest {

    private static final Instant LATER = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void eachStandingHasTheRetryTimeOnlyWhenRetrying() {
        assertThat(HandlerProgress.done()).isEqualTo(new HandlerProgress(Status.DONE, 0, Optional.empty(), ""));
        assertThat(HandlerProgress.retrying(2, LATER, "broker away"))
                .isEqualTo(new HandlerProgress(Status.RETRYING, 2, Optional.of(LATER), "broker away"));
        assertThat(HandlerProgress.parked(5, "broker away"))
                .isEqualTo(new HandlerProgress(Status.PARKED, 5, Optional.empty(), "broker away"));
        assertThat(new HandlerProgress(Status.PARKED, 0, Optional.empty(), "gave up at once").attempts()).isZero();
    }

    @Test
    void refusesPartsThatDisagree() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HandlerProgress(Status.DONE, -1, Optional.empty(), ""))
                .withMessage("attempts must not be negative, but was -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HandlerProgress(Status.RETRYING, 1, Optional.empty(), "x"))
                .withMessageStartingWith("a retry time is given exactly when retrying, but status was RETRYING");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HandlerProgress(Status.PARKED, 1, Optional.of(LATER), "x"))
                .withMessageStartingWith("a retry time is given exactly when retrying, but status was PARKED");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HandlerProgress(Status.DONE, 0, Optional.of(LATER), ""));
    }

    @Test
    void aPendingEventTellsWhichHandlersAreDone() {
        PendingEvent pending = new PendingEvent(RecordedEvent.withNewId(new OutOfStock("LAMP")), Map.of(
                "mail", HandlerProgress.done(),
                "publish", HandlerProgress.retrying(1, LATER, "broker away")));

        assertThat(pending.isDone("mail")).isTrue();
        assertThat(pending.isDone("publish")).isFalse();
        assertThat(pending.isDone("never-ran")).isFalse();
        assertThat(pending.progressOf("publish")).contains(HandlerProgress.retrying(1, LATER, "broker away"));
        assertThat(pending.progressOf("never-ran")).isEmpty();
    }

    @Test
    void aRecordedEventKeepsItsEventUnderAFreshId() {
        OutOfStock event = new OutOfStock("LAMP");

        RecordedEvent first = RecordedEvent.withNewId(event);
        RecordedEvent second = RecordedEvent.withNewId(event);

        assertThat(first.event()).isSameAs(event);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.id().version()).isEqualTo(7);
    }
}
