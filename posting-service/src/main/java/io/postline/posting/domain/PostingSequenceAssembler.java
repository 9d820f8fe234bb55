package io.postline.posting.domain;

import io.postline.events.EntrySide;
import io.postline.events.PostingLeg;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Decides whether the legs known for a posting sequence (in any order, possibly repeated) make a complete,
 * consistent, balanced sequence.
 */
public final class PostingSequenceAssembler {
    private PostingSequenceAssembler() {
    }

    public sealed interface Assembly {
        UUID sequenceId();

        record Complete(UUID sequenceId, List<PostingLeg> legs) implements Assembly {
        }

        record Incomplete(UUID sequenceId, int present, int expected) implements Assembly {
        }

        record Invalid(UUID sequenceId, String reason) implements Assembly {
        }
    }

    public static Assembly assemble(UUID sequenceId, Collection<PostingLeg> legs) {
        if (legs == null || legs.isEmpty()) {
            return new Assembly.Incomplete(sequenceId, 0, 0); // nothing of it is known (yet)
        }
        Map<Integer, PostingLeg> byIndex = new TreeMap<>();
        for (PostingLeg leg : legs) {
            PostingLeg earlier = byIndex.putIfAbsent(leg.legIndex(), leg);
            if (earlier != null && !earlier.equals(leg)) {
                return new Assembly.Invalid(sequenceId, "leg " + leg.legIndex() + " arrived twice with different content");
            }
        }
        PostingLeg first = byIndex.values().iterator().next();
        for (PostingLeg leg : byIndex.values()) {
            if (leg.legCount() != first.legCount()) {
                return new Assembly.Invalid(sequenceId, "legs disagree on legCount: " + first.legCount() + " and "
                        + leg.legCount());
            }
            if (!leg.authorizationId().equals(first.authorizationId())) {
                return new Assembly.Invalid(sequenceId, "legs belong to different authorizations");
            }
        }
        if (byIndex.size() < first.legCount()) {
            return new Assembly.Incomplete(sequenceId, byIndex.size(), first.legCount());
        }
        Map<String, long[]> totals = new TreeMap<>();
        for (PostingLeg leg : byIndex.values()) {
            long[] t = totals.computeIfAbsent(leg.amount().currency(), c -> new long[2]);
            t[leg.side() == EntrySide.DEBIT ? 0 : 1] += leg.amount().amountMinor();
        }
        for (var e : totals.entrySet()) {
            if (e.getValue()[0] != e.getValue()[1]) {
                return new Assembly.Invalid(sequenceId, "sequence does not balance in " + e.getKey() + ": debits "
                        + e.getValue()[0] + ", credits " + e.getValue()[1]);
            }
        }
        return new Assembly.Complete(sequenceId,
                byIndex.values().stream().sorted(Comparator.comparingInt(PostingLeg::legIndex)).toList());
    }
}
