package io.postline.events;

/** The account an authorization posts to, as enrichment found it in the reference data. */
public record AccountRef(String accountNumber, String sortCode, String currency, String holderName,
                         String productType) {
    public AccountRef {
        Require.text(accountNumber, "account.accountNumber", 34);
        Require.present(currency, "account.currency");
        Money.exponentOf(currency);
        Require.text(holderName, "account.holderName", 140);
        Require.text(productType, "account.productType", 35);
    }
}
