package io.postline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.EventIds;
import io.postline.events.EventSchemas;
import io.postline.events.PostingLeg;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TopicProbe;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@StageIntegrationTest
class RulesStageIT {
    private static final TopicProbe probe = TopicProbe.shared();

    @Test
    void anEnrichedTransactionBecomesTwoLegsOfOneSequenceWithDerivedIds() {
        UUID input = UUID.randomUUID();
        probe.sendEvent(input, SampleEvents.of(Topic.TRANSACTION_ENRICHED));

        var records = probe.awaitRecords(Topic.POSTING_LEG.topicName(), all -> all.size() >= 2);

        assertThat(records).hasSize(2);
        records.forEach(r -> EventSchemas.assertConforms(Topic.POSTING_LEG, r.value()));
        assertThat(records).extracting(TopicProbe::eventId).containsExactlyInAnyOrder(
                EventIds.derive(input, "rules", 0), EventIds.derive(input, "rules", 1));
        assertThat(records.stream().map(r -> TopicProbe.payload(r, Topic.POSTING_LEG, PostingLeg.class)
                .postingSequenceId()).distinct())
                .containsExactly(EventIds.derive(input, "rules/sequence", 0));
    }
}
