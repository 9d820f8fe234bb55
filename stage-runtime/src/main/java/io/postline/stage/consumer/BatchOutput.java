package io.postline.stage.consumer;

import io.postline.events.EventIds;
import io.postline.events.PipelineEvent;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageOutput;
import io.postline.stage.outbox.EventRecords;
import io.postline.stage.outbox.OutboxRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Collects what a handler emits for one batch, numbering the outputs of each cause for their ids. */
final class BatchOutput implements StageOutput {
    private final String stage;
    private final Map<UUID, ConsumerRecord<String, byte[]>> records;
    private final BiConsumer<String, String> onDeadLetter;
    private final boolean repeatsTolerated;
    private final Map<UUID, Integer> nextIndex = new HashMap<>();
    private final List<OutboxRecord> outputs = new ArrayList<>();

    BatchOutput(String stage, Map<UUID, ConsumerRecord<String, byte[]>> records, BiConsumer<String, String> onDeadLetter,
                boolean repeatsTolerated) {
        this.stage = stage;
        this.records = records;
        this.onDeadLetter = onDeadLetter;
        this.repeatsTolerated = repeatsTolerated;
    }

    @Override
    public void emit(InboundEvent cause, PipelineEvent event) {
        int index = nextIndex.merge(cause.eventId(), 1, Integer::sum) - 1;
        emit(cause, event, EventIds.derive(cause.eventId(), stage, index));
    }

    @Override
    public byte[] emit(InboundEvent cause, PipelineEvent event, UUID eventId) {
        OutboxRecord record = EventRecords.of(eventId, event, stage, Instant.now(), cause.traceparent(), cause.replay())
                .causedBy(cause.eventId());
        outputs.add(record);
        return record.payload();
    }

    @Override
    public void deadLetter(InboundEvent cause, String reason) {
        outputs.add(DeadLetters.of(records.get(cause.eventId()), cause.eventId(), stage, reason, "Rejected"));
        onDeadLetter.accept(cause.topic().topicName(), "Rejected");
    }

    @Override
    public boolean repeatsTolerated() {
        return repeatsTolerated;
    }

    void addPoison(Decoded.Poison poison) {
        outputs.add(DeadLetters.of(poison.record(), poison.eventId(), stage, poison.reason(), poison.cause()));
        onDeadLetter.accept(poison.record().topic(), poison.cause());
    }

    List<OutboxRecord> outputs() {
        return outputs;
    }
}
