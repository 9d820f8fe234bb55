package io.postline.stage;

import io.postline.events.PipelineEvent;
import java.util.UUID;

/** Where a stage's domain step puts its results; written to the outbox in the batch's transaction. */
public interface StageOutput {

    /**
     * Emits an event caused by {@code cause}. Its id is derived deterministically from the cause's id, the
     * stage and the output's position, so processing the cause again yields the same ids.
     */
    void emit(InboundEvent cause, PipelineEvent event);

    /**
     * Emits an event whose identity is a domain fact rather than a position among a cause's outputs (a
     * journal entry is posted once, whichever leg completed it), so any cause re-emitting it yields one id.
     *
     * @return the event's payload as the outbox holds it, for a stage that stores the same bytes (read only)
     */
    byte[] emit(InboundEvent cause, PipelineEvent event, UUID eventId);

    /** Sends {@code cause} to its topic's DLT with a reason an operator can act on. */
    void deadLetter(InboundEvent cause, String reason);

    /**
     * Whether the handler's stores must tolerate rows stored before. False on a batch's first run, where every
     * input is new to the inbox: a store may then write its rows with plain inserts, cheaper than
     * {@code ON CONFLICT}. Should one prove stored before (an input replayed after the inbox's retention, two
     * instances racing for one key), its unique-key violation rolls the run back and the runtime runs the batch
     * again with this true (docs/architecture.md §3). The default is the safe answer.
     */
    default boolean repeatsTolerated() {
        return true;
    }
}
