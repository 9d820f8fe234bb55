package io.postline.enrichment.domain;

import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionEnriched;

/**
 * Finds the account a transaction posts to and describes it for the statement. Missing or unusable
 * reference data is an explicit outcome ({@link Outcome.Held}) with a reason code, never an exception.
 */
public final class Enricher {
    private Enricher() {
    }

    public sealed interface Outcome {
        record Enriched(TransactionEnriched event) implements Outcome {
        }

        record Held(String reasonCode, String detail) implements Outcome {
        }
    }

    public static Outcome enrich(StandardizedTransaction tx, ReferenceLookup reference) {
        var found = reference.accountForCard(tx.cardToken());
        if (found.isEmpty()) {
            return new Outcome.Held("UNKNOWN_CARD", "no account is linked to the card token");
        }
        AccountRecord account = found.get();
        switch (account.status()) {
            case CLOSED -> {
                return new Outcome.Held("ACCOUNT_CLOSED", "account " + account.ref().accountNumber() + " is closed");
            }
            case BLOCKED -> {
                return new Outcome.Held("ACCOUNT_BLOCKED", "account " + account.ref().accountNumber() + " is blocked");
            }
            case OPEN -> {
                // open: carry on
            }
        }
        if (!account.ref().currency().equals(tx.amount().currency())) {
            return new Outcome.Held("NO_FX_RATE", "no FX rate from " + tx.amount().currency() + " to "
                    + account.ref().currency());
        }
        return new Outcome.Enriched(new TransactionEnriched(tx.authorizationId(), tx, account.ref(), tx.amount(), null,
                description(tx)));
    }

    /** The statement line: merchant name and city, cut to 140 characters. */
    static String description(StandardizedTransaction tx) {
        String d = tx.merchant().name() + ", " + tx.merchant().city();
        return d.length() <= 140 ? d : d.substring(0, 140);
    }
}
