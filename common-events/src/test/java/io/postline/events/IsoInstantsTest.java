package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The fast form must be exactly {@link Instant#parse} and {@link Instant#toString}, and so what Jackson wrote. */
class IsoInstantsTest {
    private static final JsonMapper PLAIN = JsonMapper.builder().build(); // Jackson's own java.time support

    record Stamped(Instant at) {
    }

    @Test
    void formatsAndParsesLikeTheJdkOverARandomSpread() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 200_000; i++) {
            // Years 0000 to 9999, and every fraction shape: none, milli, micro, nano precision.
            long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            String text = instant.toString();
            assertThat(IsoInstants.format(instant)).isEqualTo(text);
            assertThat(IsoInstants.parseCommonForm(text)).as(text).isEqualTo(instant);
        }
    }

    @Test
    void readsEveryFractionLengthTheJdkReads() {
        for (String text : new String[] {"2026-12-02T14:44:52.7Z", "2026-12-02T14:44:52.77Z", "2026-12-02T14:44:52.0001Z",
                "2026-12-02T14:44:52.00000001Z", "2024-02-29T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z"}) {
            assertThat(IsoInstants.parseCommonForm(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesOtherFormsAndFaultsToTheJdk() {
        // Valid for Instant.parse, not the common form: it answers them.
        for (String text : new String[] {"2026-12-02T14:44:52+01:00", "+10000-01-01T00:00:00Z", "2026-12-02T14:44:52.Z"}) {
            assertThat(IsoInstants.parseCommonForm(text)).as(text).isNull();
        }
        assertThat(IsoInstants.parse("2026-12-02T14:44:52+01:00")).isEqualTo(Instant.parse("2026-12-02T13:44:52Z"));
        assertThat(IsoInstants.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
        // Dates and times the common form does not take: the JDK's answer, whatever it is (it resolves an April 31
        // to the 30th, 24:00 to the next day, a leap second to the one before; it refuses garbage).
        for (String text : new String[] {"2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-02T24:00:00Z",
                "2026-12-31T23:59:60Z", "2026-13-01T00:00:00Z", "2026-12-02T14:60:00Z",
                "2026-12-02T14:44:52.1234567890Z", "2026-12-0xT14:44:52Z", "2026-12-02 14:44:52Z", "yesterday"}) {
            assertThat(IsoInstants.parseCommonForm(text)).as(text).isNull();
            assertThat(outcome(() -> IsoInstants.parse(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
        assertThatThrownBy(() -> IsoInstants.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
    }

    /** The value, or the exception's type and message. */
    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void theEventMapperWritesAndReadsWhatJacksonsOwnSupportDoes() {
        for (Instant instant : new Instant[] {Instant.parse("2026-12-02T14:44:52.770374271Z"),
                Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-12-02T14:44:52.770Z")}) {
            String json = PLAIN.writeValueAsString(new Stamped(instant));
            assertThat(EventJson.mapper().writeValueAsString(new Stamped(instant))).isEqualTo(json);
            assertThat(EventJson.mapper().readValue(json, Stamped.class).at()).isEqualTo(instant);
        }
        // Forms left to Jackson's deserializer keep its rules: an offset, and a number as epoch seconds.
        assertThat(EventJson.mapper().readValue("{\"at\":\"2026-12-02T14:44:52+01:00\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-12-02T13:44:52Z"));
        assertThat(EventJson.mapper().readValue("{\"at\":1764686692}", Stamped.class).at())
                .isEqualTo(PLAIN.readValue("{\"at\":1764686692}", Stamped.class).at());
    }

    @Test
    void aMalformedInstantInAnEventIsStillReportedByField() {
        assertThatThrownBy(() -> EventJson.read("{\"at\":\"yesterday\"}".getBytes(), Stamped.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("'at'");
    }
}
