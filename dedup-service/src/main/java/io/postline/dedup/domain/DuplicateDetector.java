package io.postline.dedup.domain;

import io.postline.events.DuplicateReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides, in arrival order, which authorizations of a batch are the first of their fingerprint and which
 * are duplicates of an earlier one (seen before within the window, or earlier in the same batch).
 */
public final class DuplicateDetector {
    private DuplicateDetector() {
    }

    public record Candidate(UUID eventId, String authorizationId, String fingerprint) {
    }

    /** The first authorization seen with a fingerprint. */
    public record Original(String authorizationId, UUID eventId) {
    }

    public sealed interface Decision {
        Candidate candidate();

        record Unique(Candidate candidate) implements Decision {
        }

        record Duplicate(Candidate candidate, DuplicateReason reason, Original original) implements Decision {
        }
    }

    /**
     * @param known originals by fingerprint, as found in the store within the window
     */
    public static List<Decision> decide(List<Candidate> batch, Map<String, Original> known) {
        Map<String, Original> seen = new HashMap<>(known);
        List<Decision> decisions = new ArrayList<>(batch.size());
        for (Candidate c : batch) {
            Original original = seen.get(c.fingerprint());
            if (original == null) {
                seen.put(c.fingerprint(), new Original(c.authorizationId(), c.eventId()));
                decisions.add(new Decision.Unique(c));
            } else {
                DuplicateReason reason = original.authorizationId().equals(c.authorizationId())
                        ? DuplicateReason.SAME_ID_SAME_CONTENT
                        : DuplicateReason.BUSINESS_DUPLICATE;
                decisions.add(new Decision.Duplicate(c, reason, original));
            }
        }
        return decisions;
    }
}
