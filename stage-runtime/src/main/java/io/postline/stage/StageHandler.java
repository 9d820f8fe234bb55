package io.postline.stage;

import io.postline.events.Topic;
import java.util.List;
import java.util.Set;

/**
 * The one thing a consuming service provides: its domain step. The runtime consumes the topics in
 * batches, drops events the inbox has seen, calls {@link #handle} with the new ones inside one database
 * transaction (so the handler's own JDBC writes join it), writes the outputs to the outbox, commits, and
 * only then acknowledges the offsets.
 * <p>
 * A handler that throws for one event makes the runtime retry the batch one event at a time and send only
 * the failing event to the DLT; a transient failure (database or broker down) is retried without end.
 */
public interface StageHandler {

    /** The stage name: consumer group, {@code ce_source} of outputs, part of derived event ids. */
    String stageName();

    Set<Topic> consumes();

    void handle(List<InboundEvent> events, StageOutput output);
}
