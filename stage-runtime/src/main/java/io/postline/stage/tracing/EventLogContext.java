package io.postline.stage.tracing;

import org.slf4j.MDC;

/**
 * Puts the authorization id and trace id of the event being talked about into the logging context, so every
 * structured log line about an event carries both ({@code authorizationId}, {@code traceId}). Closing it
 * restores what was there before.
 */
public final class EventLogContext implements AutoCloseable {
    public static final String AUTHORIZATION_ID = "authorizationId";
    public static final String TRACE_ID = "traceId";

    private final String previousAuthorization;
    private final String previousTrace;

    private EventLogContext(String authorizationId, String traceparent) {
        previousAuthorization = MDC.get(AUTHORIZATION_ID);
        previousTrace = MDC.get(TRACE_ID);
        put(AUTHORIZATION_ID, authorizationId);
        Traceparent.parse(traceparent).ifPresent(t -> MDC.put(TRACE_ID, t.traceId()));
    }

    public static EventLogContext of(String authorizationId, String traceparent) {
        return new EventLogContext(authorizationId, traceparent);
    }

    @Override
    public void close() {
        put(AUTHORIZATION_ID, previousAuthorization);
        put(TRACE_ID, previousTrace);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
