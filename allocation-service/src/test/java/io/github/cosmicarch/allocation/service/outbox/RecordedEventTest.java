package io.github.cosmicarch.allocation.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordedEventTest {

    @Test
    void newIdsAreVersionSevenUniqueAndSortInTheOrderTheyWereMadeAcrossMilliseconds() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int index = 0; index < 10_000; index++) {
            ids.add(RecordedEvent.newId());
        }
        Thread.sleep(2);
        UUID later = RecordedEvent.newId();

        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).allSatisfy(id -> assertThat(id.toString()).isLessThan(later.toString()));
        long millis = System.currentTimeMillis();
        assertThat(later.getMostSignificantBits() >>> 16).isBetween(millis - 1000, millis);
    }
}
