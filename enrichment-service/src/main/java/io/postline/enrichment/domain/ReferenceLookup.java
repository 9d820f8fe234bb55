package io.postline.enrichment.domain;

import java.util.Optional;

/** What the enricher asks of reference data. */
public interface ReferenceLookup {
    Optional<AccountRecord> accountForCard(String cardToken);
}
