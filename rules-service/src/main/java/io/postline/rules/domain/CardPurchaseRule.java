package io.postline.rules.domain;

import io.postline.events.EntrySide;
import io.postline.events.PostingLeg;
import io.postline.events.TransactionEnriched;
import java.util.List;
import java.util.UUID;

/**
 * The default accounting rule for an approved card purchase: debit the cardholder's account and credit
 * the card-scheme settlement account of the same currency. Two legs, one sequence, balanced by
 * construction.
 */
public final class CardPurchaseRule {
    public static final String RULE_SET_VERSION = "1";
    public static final String RULE_ID = "card-purchase-default";
    public static final String SETTLEMENT_ACCOUNT_PREFIX = "GL-CARD-SETTLEMENT-";

    private CardPurchaseRule() {
    }

    public static List<PostingLeg> legs(TransactionEnriched tx, UUID postingSequenceId) {
        var amount = tx.postingAmount();
        return List.of(
                new PostingLeg(tx.authorizationId(), postingSequenceId, 0, 2, tx.account().accountNumber(),
                        tx.account().sortCode(), EntrySide.DEBIT, amount, tx.description(), tx.transaction().amount(),
                        RULE_SET_VERSION, RULE_ID),
                new PostingLeg(tx.authorizationId(), postingSequenceId, 1, 2,
                        SETTLEMENT_ACCOUNT_PREFIX + amount.currency(), null, EntrySide.CREDIT, amount,
                        "Card settlement " + tx.authorizationId(), tx.transaction().amount(), RULE_SET_VERSION, RULE_ID));
    }
}
