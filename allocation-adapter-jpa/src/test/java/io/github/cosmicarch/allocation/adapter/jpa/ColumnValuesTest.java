package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the outbox reads and writes beyond what H2 shows: a UUID column as each database answers
 * it, and a handler's error cut to what its column holds.
 */
class ColumnValuesTest {

    private static final UUID ID = UUID.fromString("0190c1f2-3a4b-7c5d-8e6f-0123456789ab");

    @Test
    void aUuidIsReadAsAUuidAsItsSixteenBytesOrAsItsText() {
        byte[] bytes = ByteBuffer.allocate(16).putLong(ID.getMostSignificantBits()).putLong(ID.getLeastSignificantBits()).array();

        assertThat(JpaOutbox.uuid(ID)).isEqualTo(ID);
        assertThat(JpaOutbox.uuid(bytes)).isEqualTo(ID);
        assertThat(JpaOutbox.uuid(ID.toString())).isEqualTo(ID);
    }

    @Test
    void anErrorIsKeptWholeUpToItsColumnsLengthAndCutWithAnEllipsisBeyond() {
        String fits = "e".repeat(JpaOutbox.LONGEST_ERROR);
        String tooLong = fits + "!";

        assertThat(JpaOutbox.shortened(fits)).isEqualTo(fits);
        assertThat(JpaOutbox.shortened(tooLong)).hasSize(JpaOutbox.LONGEST_ERROR).endsWith("…")
                .startsWith("e".repeat(JpaOutbox.LONGEST_ERROR - 1));
    }
}
