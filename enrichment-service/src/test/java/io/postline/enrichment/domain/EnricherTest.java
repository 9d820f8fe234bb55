package io.postline.enrichment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.enrichment.domain.AccountRecord.AccountStatus;
import io.postline.events.AccountRef;
import io.postline.events.Money;
import io.postline.events.SampleEvents;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionStandardized;
import io.postline.events.Topic;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnricherTest {
    private static final Map<String, AccountRecord> ACCOUNTS = Map.of(
            "CTK000001", new AccountRecord(new AccountRef("41000001", "20-32-01", "GBP", "Holder 1", "CURRENT"), AccountStatus.OPEN),
            "CTKCLOSED", new AccountRecord(new AccountRef("49999999", "20-32-99", "GBP", "Closed", "CURRENT"), AccountStatus.CLOSED),
            "CTKBLOCKD", new AccountRecord(new AccountRef("49999998", "20-32-98", "GBP", "Blocked", "CURRENT"), AccountStatus.BLOCKED),
            "CTKEURACC", new AccountRecord(new AccountRef("41000501", "20-32-01", "EUR", "Holder 501", "CURRENT"), AccountStatus.OPEN));
    private static final ReferenceLookup LOOKUP = token -> Optional.ofNullable(ACCOUNTS.get(token));

    @ParameterizedTest
    @CsvSource({"CTK000001,ENRICHED", "CTKUNKNOWN,UNKNOWN_CARD", "CTKCLOSED,ACCOUNT_CLOSED", "CTKBLOCKD,ACCOUNT_BLOCKED",
            "CTKEURACC,NO_FX_RATE"})
    void everyTransactionGetsAnExplicitOutcome(String token, String expected) {
        StandardizedTransaction tx = withToken(token);
        String outcome = switch (Enricher.enrich(tx, LOOKUP)) {
            case Enricher.Outcome.Enriched e -> {
                assertThat(e.event().account().accountNumber()).isEqualTo("41000001");
                assertThat(e.event().postingAmount()).isEqualTo(new Money(1250, "GBP"));
                assertThat(e.event().description()).isEqualTo("Corner Coffee Ltd, London");
                yield "ENRICHED";
            }
            case Enricher.Outcome.Held h -> h.reasonCode();
        };
        assertThat(outcome).isEqualTo(expected);
    }

    private static StandardizedTransaction withToken(String token) {
        StandardizedTransaction t = ((TransactionStandardized) SampleEvents.of(Topic.TRANSACTION_STANDARDIZED)).transaction();
        return new StandardizedTransaction(t.authorizationId(), t.messageId(), t.sourceId(), token, t.acquirerId(),
                t.merchant(), t.amount(), t.billingAmount(), t.stan(), t.rrn(), t.approvalCode(), t.transmissionTime(), null, null);
    }
}
