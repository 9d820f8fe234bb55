package io.postline.standardizer.stage;

import io.postline.events.AuthorizationUnique;
import io.postline.events.EventIds;
import io.postline.events.Topic;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import io.postline.standardizer.domain.Standardization;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

@Component
public class StandardizerStage implements StageHandler {
    @Override
    public String stageName() {
        return "iso20022-standardizer";
    }

    @Override
    public Set<Topic> consumes() {
        return Set.of(Topic.AUTHORIZATION_UNIQUE);
    }

    @Override
    public void handle(List<InboundEvent> events, StageOutput output) {
        Instant now = Instant.now();
        for (InboundEvent e : events) {
            AuthorizationUnique unique = (AuthorizationUnique) e.payload();
            // Derived from the input so a replay gives the document the same message id (32 hex, fits Max35Text).
            String messageId = EventIds.derive(e.eventId(), stageName() + "/message", 0).toString().replace("-", "");
            output.emit(e, Standardization.of(unique.authorization(), messageId, now));
        }
    }
}
