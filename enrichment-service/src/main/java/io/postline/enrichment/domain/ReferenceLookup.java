package io.postline.enrichment.domain;

import java.time.Instant;
import java.util.Optional;

/** What the enricher asks of reference data (served from memory). */
public interface ReferenceLookup {
    Optional<CardRecord> card(String cardToken);

    /** The rate for the pair that was valid at {@code at}: the latest with validFrom at or before it. */
    Optional<FxRate> rate(String from, String to, Instant at);

    Optional<String> merchantCategory(String mcc);
}
