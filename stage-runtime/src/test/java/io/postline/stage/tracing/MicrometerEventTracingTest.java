package io.postline.stage.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.stage.InboundEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracing path the services run, on a real OpenTelemetry SDK tracer with W3C propagation. */
class MicrometerEventTracingTest {
    private final List<SpanData> finished = new ArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    finished.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final OtelTracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
    private final EventTracing tracing = new MicrometerEventTracing(tracer);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void eachConsumedEventGetsAChildSpanOfItsTraceAndOutputsCarryThatSpan() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        InboundEvent event = event("TRACE-1", incoming);

        List<InboundEvent> traced;
        try (EventTracing.TracedBatch batch = tracing.consume("dedup", List.of(event))) {
            traced = batch.events();
        }

        Traceparent out = Traceparent.parse(traced.getFirst().traceparent()).orElseThrow();
        assertThat(out.traceId()).as("same trace").isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(out.parentId()).as("the stage's own span").isNotEqualTo("00f067aa0ba902b7");
        assertThat(finished).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("dedup process");
            assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(span.getSpanId()).isEqualTo(out.parentId());
            assertThat(span.getAttributes().asMap().toString()).contains("TRACE-1");
        });
    }

    @Test
    void anUnsampledTraceIsContinuedToo() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        try (EventTracing.TracedBatch batch = tracing.consume("enrichment", List.of(event("UNSAMPLED-1", incoming)))) {
            Traceparent out = Traceparent.parse(batch.events().getFirst().traceparent()).orElseThrow();
            assertThat(out.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(out.parentId()).isNotEqualTo("00f067aa0ba902b7");
            assertThat(out.sampled()).isFalse();
        }
        assertThat(finished).as("no span is made for a trace that is not sampled").isEmpty();
    }

    @Test
    void eventsWithoutAContextStartATraceEachAndAFailedBatchMarksItsSpans() {
        try (EventTracing.TracedBatch batch = tracing.consume("rules",
                List.of(event("NO-CTX-1", null), event("NO-CTX-2", null)))) {
            assertThat(batch.events()).extracting(e -> Traceparent.parse(e.traceparent()).orElseThrow().traceId())
                    .doesNotHaveDuplicates();
            batch.failed(new IllegalStateException("boom"));
        }
        assertThat(finished).hasSize(2).allSatisfy(span ->
                assertThat(span.getStatus().getStatusCode().name()).isEqualTo("ERROR"));
    }

    @Test
    void enteringJoinsTheCurrentRequestSpanOnlyWhenAsked() {
        var request = tracer.nextSpan().name("http post").start();
        try (var ignored = tracer.withSpan(request)) {
            String joined = tracing.enter("auth-ingest", "IN-1", true, null);
            String separate = tracing.enter("auth-ingest", "IN-2", false, null);
            assertThat(Traceparent.parse(joined).orElseThrow().traceId()).isEqualTo(request.context().traceId());
            assertThat(Traceparent.parse(separate).orElseThrow().traceId()).isNotEqualTo(request.context().traceId());
            String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
            assertThat(Traceparent.parse(tracing.enter("auth-ingest", "IN-3", true, caller)).orElseThrow().traceId())
                    .as("a caller's trace wins over a request span that did not take it up")
                    .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        } finally {
            request.end();
        }
    }

    private static InboundEvent event(String authorizationId, String traceparent) {
        return new InboundEvent(UUID.randomUUID(), Topic.AUTHORIZATION_RECEIVED, authorizationId,
                SampleEvents.received(authorizationId), Instant.now(), false, traceparent);
    }
}
