package io.postline.events;

/**
 * The account an authorization posts to, as enrichment found it in the reference data: no more about the
 * holder than posting and statements need.
 *
 * @param iban             where the account has one (GB, IE, ...)
 * @param status           OPEN or BLOCKED (closed accounts are held by enrichment)
 * @param holderType       PERSONAL or BUSINESS
 * @param segment          e.g. RETAIL, PREMIER, SME, CORPORATE
 * @param productType      CURRENT, SAVINGS, BUSINESS or CREDIT_CARD
 * @param postingBehaviour how the product books card debits, e.g. DEBIT_BALANCE or CREDIT_LIMIT
 */
public record AccountRef(String accountNumber, String iban, String sortCode, String branchName, String currency,
                         String status, String holderName, String holderType, String segment, String productType,
                         String postingBehaviour) {
    public AccountRef {
        Require.text(accountNumber, "account.accountNumber", 34);
        Require.present(currency, "account.currency");
        Money.exponentOf(currency);
        Require.text(status, "account.status", 16);
        Require.text(holderName, "account.holderName", 140);
        Require.text(productType, "account.productType", 35);
    }
}
