package io.postline.events;

/**
 * A standardized transaction with the reference data that posting needs
 * ({@code payments.transaction.enriched}). {@code postingAmount} is in the account currency;
 * {@code fx} is present only when a conversion happened. {@code cardIssuingCountry} (ISO 3166 alpha-2) is
 * null when reference data does not know it; {@code merchantCategory} describes the MCC.
 */
public record TransactionEnriched(
        String authorizationId,
        StandardizedTransaction transaction,
        AccountRef account,
        Money postingAmount,
        FxConversion fx,
        String description,
        String cardIssuingCountry,
        String merchantCategory) implements PipelineEvent {

    public TransactionEnriched {
        Require.present(transaction, "transaction");
        Require.present(account, "account");
        Require.positive(postingAmount, "postingAmount");
        if (!postingAmount.currency().equals(account.currency())) {
            throw new IllegalArgumentException("postingAmount must be in the account currency");
        }
        Require.text(description, "description", 140);
    }
}
