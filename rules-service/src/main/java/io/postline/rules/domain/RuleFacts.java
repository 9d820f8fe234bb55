package io.postline.rules.domain;

import io.postline.events.TransactionEnriched;
import java.math.BigDecimal;

/**
 * What a rule's condition can see of a transaction: read-only values, named as in docs/rules.md.
 * Amounts are in major units (12.50, not 1250).
 */
public final class RuleFacts {
    private final String transactionType;
    private final BigDecimal amount;
    private final String currency;
    private final BigDecimal postingAmount;
    private final String accountCurrency;
    private final boolean fx;
    private final String mcc;
    private final String merchantCountry;
    private final String cardIssuingCountry;
    private final String accountStatus;
    private final String productType;
    private final String holderType;
    private final String segment;

    public RuleFacts(String transactionType, BigDecimal amount, String currency, BigDecimal postingAmount,
                     String accountCurrency, boolean fx, String mcc, String merchantCountry, String cardIssuingCountry,
                     String accountStatus, String productType, String holderType, String segment) {
        this.transactionType = transactionType;
        this.amount = amount;
        this.currency = currency;
        this.postingAmount = postingAmount;
        this.accountCurrency = accountCurrency;
        this.fx = fx;
        this.mcc = mcc;
        this.merchantCountry = merchantCountry;
        this.cardIssuingCountry = cardIssuingCountry;
        this.accountStatus = accountStatus;
        this.productType = productType;
        this.holderType = holderType;
        this.segment = segment;
    }

    public static RuleFacts of(TransactionEnriched e) {
        var t = e.transaction();
        return new RuleFacts(t.transactionType().name(), t.amount().toDecimal(), t.amount().currency(),
                e.postingAmount().toDecimal(), e.account().currency(), e.fx() != null, t.merchant().mcc(),
                t.merchant().country(), e.cardIssuingCountry(), e.account().status(), e.account().productType(),
                e.account().holderType(), e.account().segment());
    }

    public String getTransactionType() {
        return transactionType;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public BigDecimal getPostingAmount() {
        return postingAmount;
    }

    public String getAccountCurrency() {
        return accountCurrency;
    }

    public boolean isFx() {
        return fx;
    }

    public String getMcc() {
        return mcc;
    }

    public String getMerchantCountry() {
        return merchantCountry;
    }

    public String getCardIssuingCountry() {
        return cardIssuingCountry;
    }

    public String getAccountStatus() {
        return accountStatus;
    }

    public String getProductType() {
        return productType;
    }

    public String getHolderType() {
        return holderType;
    }

    public String getSegment() {
        return segment;
    }
}
