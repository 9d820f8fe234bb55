package io.postline.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The topic catalogue: every topic of the pipeline, the one event type it carries and its schema.
 * Dead letters of a topic go to {@code <topic>.dlt}.
 */
public enum Topic {
    AUTHORIZATION_RECEIVED("payments.authorization.received", AuthorizationReceived.class),
    AUTHORIZATION_UNIQUE("payments.authorization.unique", AuthorizationUnique.class),
    AUTHORIZATION_DUPLICATE("payments.authorization.duplicate", AuthorizationDuplicate.class),
    TRANSACTION_STANDARDIZED("payments.transaction.standardized", TransactionStandardized.class),
    TRANSACTION_ENRICHED("payments.transaction.enriched", TransactionEnriched.class),
    TRANSACTION_HELD("payments.transaction.held", TransactionHeld.class),
    POSTING_LEG("payments.posting.leg", PostingLeg.class),
    POSTING_POSTED("payments.posting.posted", PostingPosted.class),
    POSTING_CORRECTION("payments.posting.correction", PostingCorrection.class);

    public static final String DLT_SUFFIX = ".dlt";
    private static final Map<String, Topic> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Topic::topicName, Function.identity()));

    private final String topicName;
    private final Class<? extends PipelineEvent> eventClass;

    Topic(String topicName, Class<? extends PipelineEvent> eventClass) {
        this.topicName = topicName;
        this.eventClass = eventClass;
    }

    public String topicName() {
        return topicName;
    }

    public Class<? extends PipelineEvent> eventClass() {
        return eventClass;
    }

    /** The CloudEvents {@code ce_type}: topic name plus the schema's major version. */
    public String eventType() {
        return topicName + ".v1";
    }

    public String deadLetterTopic() {
        return topicName + DLT_SUFFIX;
    }

    /** Class-path location of the JSON Schema of this topic's events. */
    public String schemaResource() {
        return "/schemas/" + eventType() + ".schema.json";
    }

    public static Optional<Topic> byName(String topicName) {
        return Optional.ofNullable(BY_NAME.get(topicName));
    }

    public static Topic forEvent(PipelineEvent event) {
        for (Topic t : values()) {
            if (t.eventClass == event.getClass()) {
                return t;
            }
        }
        throw new IllegalArgumentException("no topic carries " + event.getClass().getSimpleName());
    }
}
