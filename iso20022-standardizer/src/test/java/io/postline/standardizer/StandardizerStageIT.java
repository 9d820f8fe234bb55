package io.postline.standardizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AuthorizationUnique;
import io.postline.events.EventIds;
import io.postline.events.EventSchemas;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.events.TransactionStandardized;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TopicProbe;
import io.postline.standardizer.domain.Iso20022Schemas;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@StageIntegrationTest
class StandardizerStageIT {
    private static final TopicProbe probe = TopicProbe.shared();

    @Test
    void aUniqueAuthorizationBecomesASchemaValidCain001WithItsProjection() {
        UUID input = UUID.randomUUID();
        var received = SampleEvents.received("STD-1");
        probe.sendEvent(input, new AuthorizationUnique("STD-1", received, SampleEvents.T0));

        var records = probe.awaitRecords(Topic.TRANSACTION_STANDARDIZED.topicName(), all -> !all.isEmpty());

        var record = records.getFirst();
        assertThat(TopicProbe.eventId(record)).isEqualTo(EventIds.derive(input, "iso20022-standardizer", 0));
        EventSchemas.assertConforms(Topic.TRANSACTION_STANDARDIZED, record.value());
        TransactionStandardized event = TopicProbe.payload(record, Topic.TRANSACTION_STANDARDIZED,
                TransactionStandardized.class);
        assertThat(event.messageDefinition()).isEqualTo("cain.001.001.04");
        Iso20022Schemas.validate("cain.001.001.04.xsd", event.document());
        assertThat(event.transaction().amount()).isEqualTo(received.amount());
        assertThat(event.transaction().cardToken()).isEqualTo(received.cardToken());
        assertThat(event.document()).contains(event.transaction().messageId());
    }
}
