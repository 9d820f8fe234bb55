package io.postline.dedup.domain;

import io.postline.events.DuplicateReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides, in arrival order, what each authorization of a batch is, against what was seen within the
 * window (and earlier in the same batch):
 * <ol>
 *   <li>its authorization id was seen with the same content: a {@link Decision.Resend} (dropped);</li>
 *   <li>its authorization id was seen with other content: a {@link Decision.Conflict} (parked, both versions);</li>
 *   <li>another authorization had the same fingerprint: a {@link Decision.BusinessDuplicate} (parked);</li>
 *   <li>otherwise {@link Decision.Unique}.</li>
 * </ol>
 * (A technical resend, the same event id again, never gets here: the stage runtime's inbox drops it.)
 */
public final class DuplicateDetector {
    private DuplicateDetector() {
    }

    /**
     * @param fingerprint keyed hash of the identifying fields
     * @param contentHash keyed hash of the whole authorization (but the time ingest received it)
     */
    public record Candidate(UUID eventId, String authorizationId, String fingerprint, String contentHash) {
    }

    /** The first authorization seen with a fingerprint. */
    public record Original(String authorizationId, UUID eventId) {
    }

    /** The first event seen with an authorization id, and the hash of its content. */
    public record SeenAuthorization(UUID eventId, String contentHash) {
    }

    public sealed interface Decision {
        Candidate candidate();

        /** The reason a parked or dropped candidate carries. */
        default DuplicateReason reason() {
            return switch (this) {
                case Unique u -> null;
                case Resend r -> DuplicateReason.SAME_ID_SAME_CONTENT;
                case Conflict c -> DuplicateReason.SAME_ID_DIFFERENT_CONTENT;
                case BusinessDuplicate b -> DuplicateReason.BUSINESS_DUPLICATE;
            };
        }

        record Unique(Candidate candidate) implements Decision {
        }

        record Resend(Candidate candidate, UUID originalEventId) implements Decision {
        }

        record Conflict(Candidate candidate, UUID originalEventId) implements Decision {
        }

        record BusinessDuplicate(Candidate candidate, Original original) implements Decision {
        }

        /** Whether this candidate is the first sighting of its authorization id (and so is recorded). */
        default boolean firstOfItsId() {
            return this instanceof Unique || this instanceof BusinessDuplicate;
        }
    }

    public static List<Decision> decide(List<Candidate> batch, Map<String, SeenAuthorization> seenIds,
                                        Map<String, Original> seenFingerprints) {
        Map<String, SeenAuthorization> ids = new HashMap<>(seenIds);
        Map<String, Original> fingerprints = new HashMap<>(seenFingerprints);
        List<Decision> decisions = new ArrayList<>(batch.size());
        for (Candidate c : batch) {
            SeenAuthorization sameId = ids.get(c.authorizationId());
            Original sameFingerprint = fingerprints.get(c.fingerprint());
            Decision d;
            if (sameId != null) {
                d = sameId.contentHash().equals(c.contentHash())
                        ? new Decision.Resend(c, sameId.eventId())
                        : new Decision.Conflict(c, sameId.eventId());
            } else if (sameFingerprint != null) {
                d = new Decision.BusinessDuplicate(c, sameFingerprint);
            } else {
                d = new Decision.Unique(c);
                fingerprints.put(c.fingerprint(), new Original(c.authorizationId(), c.eventId()));
            }
            if (d.firstOfItsId()) {
                ids.put(c.authorizationId(), new SeenAuthorization(c.eventId(), c.contentHash()));
            }
            decisions.add(d);
        }
        return decisions;
    }
}
