package io.postline.ingest.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import io.postline.events.AuthorizationReceived;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.TransactionType;
import java.time.Instant;
import java.util.Currency;

/** The body of {@code POST /v1/authorizations} (documented in docs/api.md). */
public record AuthorizationRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be 1-64 of A-Z a-z 0-9 . _ : -")
        String authorizationId,
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}", message = "must be 1-32 of a-z 0-9 -")
        String sourceId,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{8,64}", message = "must be a card token of 8-64 of A-Z a-z 0-9 _ -")
        String cardToken,
        @NotBlank @Pattern(regexp = "[0-9]{1,11}", message = "must be 1-11 digits") String acquirerId,
        @NotNull @Valid MerchantBody merchant,
        @NotNull @Valid MoneyBody amount,
        @Valid MoneyBody billingAmount,
        @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String stan,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9]{12}", message = "must be 12 letters or digits") String rrn,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9]{6}", message = "must be 6 letters or digits") String approvalCode,
        @NotNull Instant transmissionTime,
        @Pattern(regexp = "[A-Za-z0-9]{15}", message = "must be 15 letters or digits") String lifecycleId,
        TransactionType transactionType) {

    /** The {@code payments.authorization.received} event of a validated request. */
    public AuthorizationReceived toEvent(Instant receivedAt) {
        return new AuthorizationReceived(authorizationId, sourceId, cardToken, acquirerId,
                new Merchant(merchant.merchantId(), merchant.name(), merchant.mcc(), merchant.city(), merchant.country()),
                amount.toMoney(), billingAmount == null ? null : billingAmount.toMoney(), stan, rrn, approvalCode,
                transmissionTime, receivedAt, lifecycleId, transactionType);
    }

    public record MerchantBody(
            @NotBlank @Size(max = 35) @Printable String merchantId,
            @NotBlank @Size(max = 99) @Printable String name,
            @NotBlank @Pattern(regexp = "[0-9]{4}", message = "must be a 4-digit ISO 18245 code") String mcc,
            @NotBlank @Size(max = 50) @Printable String city,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code") String country) {
    }

    public record MoneyBody(@NotNull @Positive Long amountMinor, @NotBlank String currency) {
        /** Compiled once: {@code String.matches} compiles its regex on every call, for every amount taken in. */
        private static final java.util.regex.Pattern THREE_LETTERS = java.util.regex.Pattern.compile("[A-Z]{3}");

        Money toMoney() {
            return new Money(amountMinor, currency);
        }

        @AssertTrue(message = "must be an ISO 4217 currency code with a minor unit")
        public boolean isIsoCurrency() {
            if (currency == null) {
                return true; // reported by @NotBlank
            }
            try {
                return THREE_LETTERS.matcher(currency).matches()
                        && Currency.getInstance(currency).getDefaultFractionDigits() >= 0;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
