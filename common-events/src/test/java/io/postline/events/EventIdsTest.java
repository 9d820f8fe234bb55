package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void nameBasedIdsMatchTheRfcAlgorithm() {
        // RFC 4122/9562 v5 of "python.org" in the DNS namespace, a widely published test vector.
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(EventIds.nameBased(dns, "python.org")).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    }

    @Test
    void derivedIdsAreDeterministicAndDistinctPerStageAndIndex() {
        UUID parent = UUID.fromString("0b6f1b9e-7a0c-4c59-9d3e-2b1c8c7e7a11");
        UUID first = EventIds.derive(parent, "dedup", 0);
        assertThat(EventIds.derive(parent, "dedup", 0)).isEqualTo(first);
        assertThat(EventIds.derive(parent, "dedup", 1)).isNotEqualTo(first);
        assertThat(EventIds.derive(parent, "rules", 0)).isNotEqualTo(first);
        assertThat(EventIds.derive(UUID.fromString("0b6f1b9e-7a0c-4c59-9d3e-2b1c8c7e7a12"), "dedup", 0))
                .isNotEqualTo(first);
        assertThat(first.version()).isEqualTo(8);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(EventIds.derive(parent, "dedup", 0L)).as("the long form names the same id").isEqualTo(first);
    }

    @Test
    void derivedAndNamedIdsAreTheSameInEveryVersion() {
        // Fixed values: a replay after an upgrade must derive the ids the inboxes already hold, so any change to
        // how ids are computed must fail here (these were computed before the namespace's digest was reused).
        UUID parent = UUID.fromString("0190a3c2-4b5e-7d6f-8a9b-0c1d2e3f4a5b");
        assertThat(EventIds.NAMESPACE).hasToString("80d47a17-477d-580c-b58a-9aea859a46e1");
        assertThat(EventIds.derive(parent, "dedup", 0)).hasToString("0190a3c2-4b5e-8d6f-b30f-a7e43e42c6f5");
        assertThat(EventIds.derive(parent, "posting/leg", 7L)).hasToString("0190a3c2-4b5e-8d76-8412-08cf590e4372");
        assertThat(EventIds.of("acquirer-batch")).hasToString("0ff0da4a-4389-56b0-8435-97997bcb3012");
    }

    @Test
    void rootIdsAreVersion7AndOrderedByTheirMillisecond() {
        UUID earlier = EventIds.timeOrdered(1_780_000_000_000L);
        UUID later = EventIds.timeOrdered(1_780_000_000_001L);
        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.getMostSignificantBits() >>> 16).isEqualTo(1_780_000_000_000L);
        assertThat(unsignedOrder(earlier, later)).isNegative();
        assertThat(EventIds.timeOrdered(1_780_000_000_000L)).isNotEqualTo(earlier);
    }

    @Test
    void derivedIdsSortWithTheirRootAndFileLinesInLineOrder() {
        UUID job = EventIds.timeOrdered(1_780_000_000_000L);
        List<UUID> lines = new ArrayList<>();
        for (long line = 1; line <= 10_000; line++) {
            lines.add(EventIds.derive(job, "ingest/line", line));
        }
        for (int i = 1; i < lines.size(); i++) {
            assertThat(unsignedOrder(lines.get(i - 1), lines.get(i))).as("line %d before line %d", i, i + 1).isNegative();
        }
        // Every stage's output of a line sits where the line does, before the outputs of a later root.
        UUID laterRoot = EventIds.timeOrdered(1_780_000_001_000L);
        UUID output = EventIds.derive(EventIds.derive(lines.getLast(), "dedup", 0), "standardizer", 0);
        assertThat(EventIds.orderKey(output)).isEqualTo(EventIds.orderKey(lines.getLast()));
        assertThat(unsignedOrder(output, EventIds.derive(laterRoot, "dedup", 0))).isNegative();
        assertThat(unsignedOrder(EventIds.derive(job, "ingest/line", 1L), job)).isPositive();
    }

    /** PostgreSQL orders uuid values as unsigned bytes; Java's UUID.compareTo compares signed longs. */
    private static int unsignedOrder(UUID a, UUID b) {
        int msb = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return msb != 0 ? msb : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
