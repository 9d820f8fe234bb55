package io.postline.stage.tracing;

import io.postline.stage.InboundEvent;
import java.util.List;

/**
 * One trace per authorization across every hop. An authorization entering the pipeline gets a trace
 * context; each stage that consumes an event opens a span that is a child of the event's
 * {@code traceparent} and hands its outputs the span's own context, so the Kafka headers carry the trace on.
 */
public interface EventTracing {

    /**
     * The {@code traceparent} for an authorization entering the pipeline.
     *
     * @param joinCurrent true for a single request: the trace continues the HTTP request's (and so the
     *                    caller's, if it sent a {@code traceparent}); false for items of a batch or file, each
     *                    of which starts its own trace
     * @param callerTraceparent the caller's {@code traceparent} header, or null
     */
    String enter(String stage, String authorizationId, boolean joinCurrent, String callerTraceparent);

    /** Opens one span per event; the batch's events carry the spans' contexts. */
    TracedBatch consume(String stage, List<InboundEvent> events);

    /** Spans of one consumed batch. */
    interface TracedBatch extends AutoCloseable {
        /** The events with their {@code traceparent} replaced by their span's, for the outputs to carry. */
        List<InboundEvent> events();

        /** Marks every span failed (the batch rolled back). */
        void failed(Throwable error);

        /** Ends every span. */
        @Override
        void close();
    }

    /** Without a tracer: new trace ids at entry, contexts passed on unchanged. */
    EventTracing NONE = new EventTracing() {
        @Override
        public String enter(String stage, String authorizationId, boolean joinCurrent, String callerTraceparent) {
            // The caller's trace id, under a parent id of our own: what a caller sent is never stored as it came.
            var caller = joinCurrent ? Traceparent.parse(callerTraceparent) : java.util.Optional.<Traceparent>empty();
            return caller.map(Traceparent::childHeader).orElseGet(() -> Traceparent.newTrace().header());
        }

        @Override
        public TracedBatch consume(String stage, List<InboundEvent> events) {
            return new TracedBatch() {
                @Override
                public List<InboundEvent> events() {
                    return events;
                }

                @Override
                public void failed(Throwable error) {
                }

                @Override
                public void close() {
                }
            };
        }
    };
}
