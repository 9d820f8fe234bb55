package io.postline.stage.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.postline.events.CloudEventHeaders;
import io.postline.stage.InboundEvent;
import java.util.ArrayList;
import java.util.List;

/** {@link EventTracing} on Micrometer Tracing (OpenTelemetry bridge), propagating W3C {@code traceparent}. */
public class MicrometerEventTracing implements EventTracing {
    private final Tracer tracer;
    private final Propagator propagator;

    public MicrometerEventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public String enter(String stage, String authorizationId, boolean joinCurrent) {
        Span.Builder builder = tracer.spanBuilder();
        Span current = tracer.currentSpan();
        if (joinCurrent && current != null) {
            builder.setParent(current.context());
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
            Span.Builder builder = e.traceparent() == null ? tracer.spanBuilder().setNoParent()
                    : propagator.extract(e, (event, key) ->
                            CloudEventHeaders.TRACEPARENT.equals(key) ? event.traceparent() : null);
            Span span = builder.name(stage + " process").kind(Span.Kind.CONSUMER)
                    .tag("authorization.id", e.authorizationId())
                    .tag("messaging.destination.name", e.topic().topicName())
                    .tag("messaging.message.id", e.eventId().toString())
                    .start();
            spans.add(span);
            traced.add(new InboundEvent(e.eventId(), e.topic(), e.key(), e.payload(), e.time(), e.replay(),
                    headerOf(span.context())));
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

    private String headerOf(TraceContext context) {
        String[] header = new String[1];
        propagator.inject(context, header, (carrier, key, value) -> {
            if (CloudEventHeaders.TRACEPARENT.equals(key)) {
                carrier[0] = value;
            }
        });
        // A propagator configured for another format still leaves the ids: write W3C ourselves then.
        return header[0] != null ? header[0]
                : new Traceparent(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled())).header();
    }
}
