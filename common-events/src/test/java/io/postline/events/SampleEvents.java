package io.postline.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One valid instance of every event type, for contract tests here and in the services. */
public final class SampleEvents {
    public static final Instant T0 = Instant.parse("2026-11-20T10:15:30Z");

    private SampleEvents() {
    }

    public static AuthorizationReceived received(String authorizationId) {
        return new AuthorizationReceived(authorizationId, "pos-switch", "CTK000001", "123456",
                new Merchant("M-4711", "Corner Coffee Ltd", "5814", "London", "GB"), new Money(1250, "GBP"), null,
                "000123", "000000123456", "A1B2C3", T0, T0.plusMillis(40), null, null);
    }

    /** The posting context of an authorization, as the rules stage puts it on each leg. */
    public static PostingContext context(AuthorizationReceived r) {
        return new PostingContext(r.sourceId(), r.cardToken(), r.rrn(), r.transmissionTime(), r.amount(), null);
    }

    public static PipelineEvent of(Topic topic) {
        AuthorizationReceived r = received("AUTH-0001");
        StandardizedTransaction tx = new StandardizedTransaction(r.authorizationId(), "MSG-1", r.sourceId(),
                r.cardToken(), r.acquirerId(), r.merchant(), r.amount(), r.billingAmount(), r.stan(), r.rrn(),
                r.approvalCode(), r.transmissionTime(), null, null, null);
        AccountRef account = new AccountRef("10000001", "GB29PSTL20000010000001", "20-00-00", "London Moorgate", "GBP", "OPEN", "A. Holder", "PERSONAL", "RETAIL", "CURRENT", "DEBIT_BALANCE");
        UUID sequence = EventIds.of("seq-1");
        return switch (topic) {
            case AUTHORIZATION_RECEIVED -> r;
            case AUTHORIZATION_UNIQUE -> new AuthorizationUnique(r.authorizationId(), r, T0);
            case AUTHORIZATION_DUPLICATE -> new AuthorizationDuplicate("AUTH-0002", received("AUTH-0002"),
                    DuplicateReason.BUSINESS_DUPLICATE, "AUTH-0001", EventIds.of("e1"), T0);
            case TRANSACTION_STANDARDIZED -> new TransactionStandardized(r.authorizationId(), "cain.001.001.04",
                    "<Document/>", tx);
            case TRANSACTION_ENRICHED -> new TransactionEnriched(r.authorizationId(), tx, account, new Money(1250, "GBP"),
                    new FxConversion(new Money(1250, "GBP"), new Money(1250, "GBP"), BigDecimal.ONE, "IDENTITY", T0,
                            "HALF_EVEN", java.math.BigDecimal.ZERO), "Corner Coffee Ltd London", "GB", "Eating Places and Restaurants");
            case TRANSACTION_HELD -> new TransactionHeld(r.authorizationId(), "enrichment", "UNKNOWN_CARD",
                    "no account for the card token", r.amount(), T0, null, null, null);
            case POSTING_LEG -> new PostingLeg(r.authorizationId(), sequence, 0, 2, "10000001", "20-00-00",
                    EntrySide.DEBIT, new Money(1250, "GBP"), "Corner Coffee Ltd London", r.amount(), "1", "default",
                    LegRole.CARDHOLDER, context(r));
            case POSTING_POSTED -> new PostingPosted(r.authorizationId(), sequence, EventIds.of("journal-1"),
                    EntryType.POSTING, null, r.amount(),
                    List.of(new PostedLine(0, "10000001", EntrySide.DEBIT, new Money(1250, "GBP"), LegRole.CARDHOLDER),
                            new PostedLine(1, "GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, new Money(1250, "GBP"),
                                    LegRole.COUNTERPARTY)),
                    T0, java.time.LocalDate.of(2026, 11, 20), "<Document/>", null);
            case POSTING_CORRECTION -> new PostingCorrection(EventIds.of("correction-1"), r.authorizationId(),
                    EntryType.ADJUSTMENT, EventIds.of("journal-1"), new Money(250, "GBP"), AdjustmentDirection.DECREASE,
                    "amount mismatch: expected GBP 12.50, posted GBP 15.00", "reconciliation", T0);
        };
    }
}
