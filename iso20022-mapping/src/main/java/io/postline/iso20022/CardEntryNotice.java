package io.postline.iso20022;

import io.postline.events.EntrySide;
import io.postline.events.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a camt.054 notification reports about one booked card entry on an account.
 *
 * @param originalAmount the transaction amount before conversion, when it differs from {@code amount}
 * @param exchangeRate   the rate applied (original currency to account currency), with {@code originalAmount}
 */
public record CardEntryNotice(String messageId, Instant createdAt, String accountNumber, String accountCurrency,
                              UUID journalId, String entryReference, Money amount, EntrySide side, Instant bookedAt,
                              String authorizationId, String cardToken, String rrn, Instant transmissionTime,
                              Money originalAmount, BigDecimal exchangeRate, String narrative) {
    public CardEntryNotice {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(journalId, "journalId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(bookedAt, "bookedAt");
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(cardToken, "cardToken");
        if (exchangeRate != null && originalAmount == null) {
            throw new IllegalArgumentException("an exchange rate needs the original amount");
        }
    }
}
