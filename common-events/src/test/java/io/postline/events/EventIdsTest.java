package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(first.version()).isEqualTo(5);
        assertThat(first.variant()).isEqualTo(2);
    }
}
