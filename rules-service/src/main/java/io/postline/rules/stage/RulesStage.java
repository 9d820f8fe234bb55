package io.postline.rules.stage;

import io.postline.events.EventIds;
import io.postline.events.PostingLeg;
import io.postline.events.Topic;
import io.postline.events.TransactionEnriched;
import io.postline.rules.domain.CardPurchaseRule;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
public class RulesStage implements StageHandler {
    @Override
    public String stageName() {
        return "rules";
    }

    @Override
    public Set<Topic> consumes() {
        return Set.of(Topic.TRANSACTION_ENRICHED);
    }

    @Override
    public void handle(List<InboundEvent> events, StageOutput output) {
        for (InboundEvent e : events) {
            // Derived from the input, so a replay produces the same sequence and posting stays idempotent.
            UUID sequenceId = EventIds.derive(e.eventId(), stageName() + "/sequence", 0);
            for (PostingLeg leg : CardPurchaseRule.legs((TransactionEnriched) e.payload(), sequenceId)) {
                output.emit(e, leg);
            }
        }
    }
}
