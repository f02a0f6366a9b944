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

        assertThat(ColumnValues.uuid(ID)).isEqualTo(ID);
        assertThat(ColumnValues.uuid(bytes)).isEqualTo(ID);
        assertThat(ColumnValues.uuid(ID.toString())).isEqualTo(ID);
    }

    @Test
    void anErrorIsKeptWholeUpToItsColumnsLengthAndCutWithAnEllipsisBeyond() {
        String fits = "e".repeat(ColumnValues.LONGEST_ERROR);
        String tooLong = fits + "!";

        assertThat(ColumnValues.shortened(fits)).isEqualTo(fits);
        assertThat(ColumnValues.shortened(tooLong)).hasSize(ColumnValues.LONGEST_ERROR).endsWith("…")
                .startsWith("e".repeat(ColumnValues.LONGEST_ERROR - 1));
    }
}
