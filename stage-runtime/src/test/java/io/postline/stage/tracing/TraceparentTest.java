package io.postline.stage.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

class TraceparentTest {

    @Test
    void readsAndWritesAVersion00Header() {
        var t = Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();
        assertThat(t.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(t.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(t.sampled()).isTrue();
        assertThat(t.header()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-00",
            "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"})
    void dropsWhatIsNotAValidHeader(String header) {
        assertThat(Traceparent.parse(header)).isEmpty();
    }

    /** Every character in the first place of either id: only 0-9 and a-f are taken (the W3C's lower-case hex). */
    @Test
    void anIdDigitIsALowerCaseHexDigitAndNothingElse() {
        String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        for (char c = 0; c < 0x2000; c++) {
            boolean lowerHex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
            for (int at : new int[] {3, 36}) {
                String header = valid.substring(0, at) + c + valid.substring(at + 1);
                assertThat(Traceparent.parse(header).isPresent()).as("U+%04X at %d", (int) c, at).isEqualTo(lowerHex);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"})
    void aChildHeaderKeepsTheTraceAndSamplingUnderANewValidSpanId(String header) {
        var parent = Traceparent.parse(header).orElseThrow();
        var child = Traceparent.parse(parent.childHeader()).orElseThrow();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.sampled()).isEqualTo(parent.sampled());
        assertThat(child.parentId()).isNotEqualTo(parent.parentId())
                .isNotEqualTo(Traceparent.parse(parent.childHeader()).orElseThrow().parentId());
    }

    @Test
    void newTracesHaveDistinctValidIds() {
        var a = Traceparent.newTrace();
        var b = Traceparent.newTrace();
        assertThat(Traceparent.parse(a.header())).contains(a);
        assertThat(a.traceId()).isNotEqualTo(b.traceId());
    }

    @Test
    void logContextCarriesAuthorizationAndTraceThenRestoresThePrevious() {
        MDC.put(EventLogContext.AUTHORIZATION_ID, "OUTER");
        try (var ignored = EventLogContext.of("INNER",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")) {
            assertThat(MDC.get(EventLogContext.AUTHORIZATION_ID)).isEqualTo("INNER");
            assertThat(MDC.get(EventLogContext.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
        assertThat(MDC.get(EventLogContext.AUTHORIZATION_ID)).isEqualTo("OUTER");
        assertThat(MDC.get(EventLogContext.TRACE_ID)).isNull();
        MDC.clear();
    }

    @Test
    void withoutATracerACallersTraceIsKeptButNotItsParentId() {
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var entered = Traceparent.parse(EventTracing.NONE.enter("auth-ingest", "A-1", true, caller)).orElseThrow();
        assertThat(entered.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(entered.parentId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(Traceparent.parse(EventTracing.NONE.enter("auth-ingest", "A-2", false, caller)).orElseThrow()
                .traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
