package io.postline.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.EventSchemas;
import io.postline.events.SampleEvents;
import io.postline.events.StandardizedTransaction;
import io.postline.events.Topic;
import io.postline.events.TransactionEnriched;
import io.postline.events.TransactionHeld;
import io.postline.events.TransactionStandardized;
import io.postline.stage.test.StageIntegrationTest;
import io.postline.stage.test.TopicProbe;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@StageIntegrationTest
class EnrichmentStageIT {
    private static final TopicProbe probe = TopicProbe.shared();

    static TransactionStandardized standardized(String authorizationId, String cardToken) {
        StandardizedTransaction t = ((TransactionStandardized) SampleEvents.of(Topic.TRANSACTION_STANDARDIZED)).transaction();
        return new TransactionStandardized(authorizationId, "cain.001.001.04", "<Document/>",
                new StandardizedTransaction(authorizationId, t.messageId(), t.sourceId(), cardToken, t.acquirerId(),
                        t.merchant(), t.amount(), t.billingAmount(), t.stan(), t.rrn(), t.approvalCode(),
                        t.transmissionTime(), null, null));
    }

    @Test
    void aKnownCardIsEnrichedFromTheSeededReferenceDataAndAClosedAccountIsHeld() {
        probe.sendEvent(UUID.randomUUID(), standardized("ENR-OK", "CTK000007"));
        probe.sendEvent(UUID.randomUUID(), standardized("ENR-CLOSED", "CTK900001"));

        var enriched = probe.awaitRecords(Topic.TRANSACTION_ENRICHED.topicName(), all -> !all.isEmpty()).getFirst();
        var held = probe.awaitRecords(Topic.TRANSACTION_HELD.topicName(), all -> !all.isEmpty()).getFirst();

        EventSchemas.assertConforms(Topic.TRANSACTION_ENRICHED, enriched.value());
        EventSchemas.assertConforms(Topic.TRANSACTION_HELD, held.value());
        TransactionEnriched e = TopicProbe.payload(enriched, Topic.TRANSACTION_ENRICHED, TransactionEnriched.class);
        assertThat(e.authorizationId()).isEqualTo("ENR-OK");
        assertThat(e.account().accountNumber()).isEqualTo("41000007");
        assertThat(e.account().sortCode()).matches("[0-9]{2}-[0-9]{2}-[0-9]{2}");
        assertThat(e.account().holderName()).isEqualTo("Holder 7");
        TransactionHeld h = TopicProbe.payload(held, Topic.TRANSACTION_HELD, TransactionHeld.class);
        assertThat(h.authorizationId()).isEqualTo("ENR-CLOSED");
        assertThat(h.reasonCode()).isEqualTo("ACCOUNT_CLOSED");
    }
}
