package io.postline.standardizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AuthorizationUnique;
import io.postline.events.CloudEventHeaders;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.EventSchemas;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.events.TransactionStandardized;
import io.postline.iso20022.Cain001Parser;
import io.postline.iso20022.Iso20022Schemas;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

@StageIntegrationTest
class StandardizerStageIT {
    private static final TopicProbe probe = TopicProbe.shared();

    @Test
    void aUniqueAuthorizationBecomesASchemaValidCain001WithItsProjection() {
        UUID input = UUID.randomUUID();
        var received = SampleEvents.received("STD-1");
        probe.sendEvent(input, new AuthorizationUnique("STD-1", received, SampleEvents.T0));

        var record = probe.awaitRecords(Topic.TRANSACTION_STANDARDIZED.topicName(),
                all -> all.stream().anyMatch(r -> "STD-1".equals(r.key()))).stream()
                .filter(r -> "STD-1".equals(r.key())).findFirst().orElseThrow();

        assertThat(TopicProbe.eventId(record)).isEqualTo(EventIds.derive(input, "iso20022-standardizer", 0));
        EventSchemas.assertConforms(Topic.TRANSACTION_STANDARDIZED, record.value());
        TransactionStandardized event = TopicProbe.payload(record, Topic.TRANSACTION_STANDARDIZED,
                TransactionStandardized.class);
        assertThat(event.messageDefinition()).isEqualTo("cain.001.001.04");
        Iso20022Schemas.validate("cain.001.001.04.xsd", event.document());
        assertThat(Cain001Parser.parse(event.document())).isEqualTo(event.transaction());
        assertThat(event.transaction().messageId())
                .isEqualTo(EventIds.derive(input, "iso20022-standardizer/message", 0).toString().replace("-", ""));
    }

    @Test
    void inputThatCannotBeMappedGoesToTheDeadLetterTopicWithAPreciseReason() {
        ObjectNode unknownCurrency = (ObjectNode) EventJson.mapper().valueToTree(
                new AuthorizationUnique("STD-BAD-CCY", SampleEvents.received("STD-BAD-CCY"), SampleEvents.T0));
        ((ObjectNode) unknownCurrency.get("authorization").get("amount")).put("currency", "XQX");
        ObjectNode missingStan = (ObjectNode) EventJson.mapper().valueToTree(
                new AuthorizationUnique("STD-NO-STAN", SampleEvents.received("STD-NO-STAN"), SampleEvents.T0));
        ((ObjectNode) missingStan.get("authorization")).remove("stan");
        send("STD-BAD-CCY", unknownCurrency);
        send("STD-NO-STAN", missingStan);
        probe.sendEvent(UUID.randomUUID(), new AuthorizationUnique("STD-AFTER", SampleEvents.received("STD-AFTER"),
                SampleEvents.T0));

        var dead = probe.awaitRecords(Topic.AUTHORIZATION_UNIQUE.deadLetterTopic(),
                all -> all.stream().filter(r -> r.key().startsWith("STD-")).count() >= 2);
        probe.awaitRecords(Topic.TRANSACTION_STANDARDIZED.topicName(),
                all -> all.stream().anyMatch(r -> "STD-AFTER".equals(r.key())));

        assertThat(reason(dead, "STD-BAD-CCY")).contains("not an ISO 4217 currency code: XQX");
        assertThat(reason(dead, "STD-NO-STAN")).contains("authorization.stan is required");
    }

    private static void send(String key, ObjectNode body) {
        probe.send(Topic.AUTHORIZATION_UNIQUE.topicName(), key, Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, Topic.AUTHORIZATION_UNIQUE.eventType()),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> dead,
                                 String key) {
        return dead.stream().filter(r -> key.equals(r.key())).map(r -> TopicProbe.header(r, CloudEventHeaders.DLT_REASON))
                .findFirst().orElseThrow();
    }
}
