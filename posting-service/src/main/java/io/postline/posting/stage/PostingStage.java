package io.postline.posting.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.PostingLeg;
import io.postline.events.PostingPosted;
import io.postline.events.Topic;
import io.postline.posting.domain.JournalEntry;
import io.postline.posting.domain.PostingSequenceAssembler;
import io.postline.posting.domain.PostingSequenceAssembler.Assembly;
import io.postline.posting.store.Ledger;
import io.postline.posting.store.PendingLegs;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Collects legs per sequence and posts each complete sequence once as a balanced journal entry. */
@Component
public class PostingStage implements StageHandler {
    private final PendingLegs pending;
    private final Ledger ledger;
    private final MeterRegistry meters;

    public PostingStage(PendingLegs pending, Ledger ledger, MeterRegistry meters) {
        this.pending = pending;
        this.ledger = ledger;
        this.meters = meters;
    }

    @Override
    public String stageName() {
        return "posting";
    }

    @Override
    public Set<Topic> consumes() {
        return Set.of(Topic.POSTING_LEG);
    }

    @Override
    public void handle(List<InboundEvent> events, StageOutput output) {
        Map<UUID, List<InboundEvent>> bySequence = events.stream().collect(Collectors.groupingBy(
                e -> ((PostingLeg) e.payload()).postingSequenceId(), LinkedHashMap::new, Collectors.toList()));
        Set<UUID> alreadyPosted = ledger.postedAmong(bySequence.keySet());
        if (!alreadyPosted.isEmpty()) {
            meters.counter("postline.posting.legs.after.posting").increment(alreadyPosted.size());
            bySequence.keySet().removeAll(alreadyPosted);
        }
        pending.add(bySequence.values().stream().flatMap(List::stream).map(e -> (PostingLeg) e.payload()).toList());
        Map<UUID, List<PostingLeg>> known = pending.of(bySequence.keySet()).stream()
                .collect(Collectors.groupingBy(PostingLeg::postingSequenceId));

        List<JournalEntry> journal = new ArrayList<>();
        Map<UUID, InboundEvent> completedBy = new LinkedHashMap<>();
        for (var entry : bySequence.entrySet()) {
            switch (PostingSequenceAssembler.assemble(entry.getKey(), known.get(entry.getKey()))) {
                case Assembly.Complete complete -> {
                    journal.add(JournalEntry.of(complete));
                    completedBy.put(entry.getKey(), entry.getValue().getLast());
                }
                case Assembly.Incomplete incomplete -> {
                    // waits for its other legs; incomplete sequences are reported by age (operations runbook)
                }
                case Assembly.Invalid invalid -> {
                    meters.counter("postline.posting.sequences.invalid").increment();
                    entry.getValue().forEach(e -> output.deadLetter(e, invalid.reason()));
                }
            }
        }
        ledger.post(journal);
        pending.remove(completedBy.keySet());
        Instant now = Instant.now();
        for (JournalEntry j : journal) {
            output.emit(completedBy.get(j.postingSequenceId()), new PostingPosted(j.authorizationId(),
                    j.postingSequenceId(), j.journalId(), j.authorizedAmount(), j.lines(), now));
        }
        meters.counter("postline.posting.journal.entries").increment(journal.size());
    }
}
