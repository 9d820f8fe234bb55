package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event mapper builds our records through its own spreader, and leaves refusals to Jackson: a record that
 * counts its constructor calls shows which path ran (one call when it succeeds, a second, Jackson's, when the
 * record refuses its arguments), and the refusal reads as it does without the module.
 */
public class RecordCreatorsTest {
    static final AtomicInteger CALLS = new AtomicInteger();

    public record Counted(String name, long amount, Money money) {
        public Counted {
            CALLS.incrementAndGet();
            Require.positive(money, "money");
            if (amount < 0) {
                throw new IllegalArgumentException("amount must not be negative");
            }
        }
    }

    @BeforeEach
    void reset() {
        CALLS.set(0);
    }

    @Test
    void aRecordIsBuiltOnceWithEveryArgumentInPlace() {
        Counted read = EventJson.read(bytes("{\"name\":\"a\",\"amount\":7,\"money\":{\"amountMinor\":5,\"currency\":\"GBP\"}}"),
                Counted.class);

        assertThat(read).isEqualTo(new Counted("a", 7, new Money(5, "GBP")));
        assertThat(CALLS.get()).isEqualTo(2); // the read, and the expected value above
    }

    @Test
    void aRefusalIsJacksonsOwnWithTheRecordsReason() {
        byte[] json = bytes("{\"name\":\"a\",\"amount\":-1,\"money\":{\"amountMinor\":5,\"currency\":\"GBP\"}}");
        assertThatThrownBy(() -> EventJson.read(json, Counted.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("Counted could not be read: amount must not be negative");
        assertThat(CALLS.get()).as("our spreader, then Jackson's own call").isEqualTo(2);

        String plain = catchMessage(() -> JsonMapper.builder().build().readValue(json, Counted.class));
        String ours = catchMessage(() -> EventJson.mapper().readValue(json, Counted.class));
        assertThat(ours).isEqualTo(plain);
    }

    @Test
    void aMissingPrimitiveIsStillRefusedByJackson() {
        assertThatThrownBy(() -> EventJson.read(bytes("{\"name\":\"a\",\"amount\":null,\"money\":"
                + "{\"amountMinor\":5,\"currency\":\"GBP\"}}"), Counted.class))
                .isInstanceOf(MalformedEventException.class);
        assertThat(CALLS.get()).isZero();
    }

    @Test
    void everySampleEventReadsBackEqual() {
        for (Topic topic : Topic.values()) {
            PipelineEvent event = SampleEvents.of(topic);
            assertThat(EventJson.read(EventJson.write(event), event.getClass())).isEqualTo(event);
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String catchMessage(Runnable read) {
        try {
            read.run();
            return "(no error)";
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
