package io.postline.events;

/** Every event of the pipeline belongs to one authorization, which is also its Kafka key. */
public sealed interface PipelineEvent
        permits AuthorizationReceived, AuthorizationUnique, AuthorizationDuplicate, TransactionStandardized,
        TransactionEnriched, TransactionHeld, PostingLeg, PostingPosted, PostingCorrection {

    String authorizationId();
}
