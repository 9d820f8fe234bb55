package io.postline.stage.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.postline.stage.InboundEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EventTracing} on Micrometer Tracing (OpenTelemetry bridge). The W3C header is read and written here
 * ({@link Traceparent}) rather than through the configured propagator, so the Kafka header's format does not
 * depend on the propagation types configured for HTTP.
 */
public class MicrometerEventTracing implements EventTracing {
    private final Tracer tracer;

    public MicrometerEventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public String enter(String stage, String authorizationId, boolean joinCurrent, String callerTraceparent) {
        Span.Builder builder = tracer.spanBuilder();
        Span current = tracer.currentSpan();
        var caller = Traceparent.parse(callerTraceparent);
        if (joinCurrent && current != null && caller.map(c -> c.traceId().equals(current.context().traceId()))
                .orElse(true)) {
            builder.setParent(current.context());
        } else if (joinCurrent && caller.isPresent()) {
            builder.setParent(contextOf(caller.get()));
        } else {
            builder.setNoParent();
        }
        Span span = builder.name(stage + " accept").tag("authorization.id", authorizationId).start();
        try {
            return headerOf(span.context());
        } finally {
            span.end();
        }
    }

    @Override
    public TracedBatch consume(String stage, List<InboundEvent> events) {
        List<Span> spans = new ArrayList<>(events.size());
        List<InboundEvent> traced = new ArrayList<>(events.size());
        for (InboundEvent e : events) {
            var parent = Traceparent.parse(e.traceparent());
            if (parent.isPresent() && !parent.get().sampled()) {
                // Not sampled: no span would ever be recorded, so none is made; the outputs still get a span id
                // of their own under the same trace (most events at the default sampling probability).
                traced.add(withTraceparent(e, parent.get().childHeader()));
                continue;
            }
            Span.Builder builder = parent.isPresent() ? tracer.spanBuilder().setParent(contextOf(parent.get()))
                    : tracer.spanBuilder().setNoParent();
            Span span = builder.name(stage + " process").kind(Span.Kind.CONSUMER)
                    .tag("authorization.id", e.authorizationId())
                    .tag("messaging.destination.name", e.topic().topicName())
                    .tag("messaging.message.id", e.eventId().toString())
                    .start();
            spans.add(span);
            traced.add(withTraceparent(e, headerOf(span.context())));
        }
        return new TracedBatch() {
            @Override
            public List<InboundEvent> events() {
                return traced;
            }

            @Override
            public void failed(Throwable error) {
                spans.forEach(s -> s.error(error));
            }

            @Override
            public void close() {
                spans.forEach(Span::end);
            }
        };
    }

    private static InboundEvent withTraceparent(InboundEvent e, String traceparent) {
        return new InboundEvent(e.eventId(), e.topic(), e.key(), e.payload(), e.time(), e.replay(), traceparent);
    }

    private TraceContext contextOf(Traceparent t) {
        return tracer.traceContextBuilder().traceId(t.traceId()).spanId(t.parentId()).sampled(t.sampled()).build();
    }

    private static String headerOf(TraceContext context) {
        return new Traceparent(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled())).header();
    }
}
