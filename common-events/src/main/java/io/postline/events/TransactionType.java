package io.postline.events;

/** What kind of card transaction was authorized (ISO 8583 processing codes 00, 01, 20). */
public enum TransactionType {
    PURCHASE, CASH_WITHDRAWAL, REFUND
}
