package io.postline.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the pipeline should hold after a REST run: the authorizations ingest accepted, counted as purchases
 * (reconciliation matches the first authorization of each) and business duplicates (parked). Counting what was
 * sent instead would make an overloaded run, in which the sender gave up on some requests, look like lost
 * authorizations; and a duplicate whose original was refused is the first of its purchase the pipeline sees.
 */
final class AcceptedPurchases {
    /** Business duplicate's id → the id of the original it repeats; only duplicates are kept (about 2 %). */
    private final Map<String, String> originalOf = new HashMap<>();
    /** Each accepted purchase once, by its original's id. */
    private final Set<String> purchases = new HashSet<>();
    private long duplicates;

    /** Notes an authorization as it is generated, so a duplicate can later be told from its original. */
    BenchmarkAuthorizations.Authorization sent(BenchmarkAuthorizations.Authorization a) {
        if (a.duplicate()) {
            originalOf.put(a.authorizationId(), a.duplicateOf());
        }
        return a;
    }

    /** Counts authorizations ingest accepted (each id once over the run); returns how many were new purchases. */
    long accepted(Collection<String> authorizationIds) {
        long newPurchases = 0;
        for (String id : authorizationIds) {
            if (purchases.add(originalOf.getOrDefault(id, id))) {
                newPurchases++;
            } else {
                duplicates++;
            }
        }
        return newPurchases;
    }

    /** Accepted authorizations that were the first of their purchase: what reconciliation should match. */
    long unique() {
        return purchases.size();
    }

    /** Accepted authorizations that repeat an accepted purchase: what dedup should park. */
    long duplicates() {
        return duplicates;
    }

    long total() {
        return purchases.size() + duplicates;
    }
}
