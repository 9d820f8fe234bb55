package io.postline.events;

/**
 * An authorization in ISO 20022 form ({@code payments.transaction.standardized}): the XML document
 * ({@code messageDefinition}, e.g. cain.001.001.04) and its typed projection.
 */
public record TransactionStandardized(
        String authorizationId,
        String messageDefinition,
        String document,
        StandardizedTransaction transaction) implements PipelineEvent {

    public TransactionStandardized {
        Require.text(messageDefinition, "messageDefinition", 35);
        Require.present(document, "document");
        Require.present(transaction, "transaction");
        if (!transaction.authorizationId().equals(authorizationId)) {
            throw new IllegalArgumentException("authorizationId must be the transaction's own");
        }
    }
}
