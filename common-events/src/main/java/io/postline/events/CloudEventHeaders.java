package io.postline.events;

/**
 * Kafka header names: CloudEvents 1.0 Kafka protocol binding, binary content mode, plus W3C trace
 * context and Postline's own extensions.
 */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** Marks a re-driven event: stages that already processed it re-emit their stored outputs. */
    public static final String REPLAY = "x-replay";

    /** Dead-letter headers: why and where from. */
    public static final String DLT_REASON = "x-dlt-reason";
    public static final String DLT_EXCEPTION = "x-dlt-exception";
    public static final String DLT_STAGE = "x-dlt-stage";
    public static final String DLT_TIME = "x-dlt-time";
    public static final String DLT_ORIGINAL_TOPIC = "x-dlt-original-topic";
    public static final String DLT_ORIGINAL_PARTITION = "x-dlt-original-partition";
    public static final String DLT_ORIGINAL_OFFSET = "x-dlt-original-offset";

    private CloudEventHeaders() {
    }
}
