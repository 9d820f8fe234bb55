package io.postline.posting.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.EntryType;
import io.postline.events.PostingCorrection;
import io.postline.events.PostingLeg;
import io.postline.events.PostingPosted;
import io.postline.events.Topic;
import io.postline.posting.config.PostingProperties;
import io.postline.posting.domain.CorrectionPlanner;
import io.postline.posting.domain.CorrectionPlanner.Plan;
import io.postline.posting.domain.JournalEntry;
import io.postline.posting.domain.PostedEntries;
import io.postline.posting.domain.PostingSequenceAssembler;
import io.postline.posting.domain.PostingSequenceAssembler.Assembly;
import io.postline.posting.store.BankInputLines;
import io.postline.posting.store.Ledger;
import io.postline.posting.store.PendingLegs;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Collects legs per sequence and posts each complete sequence once as a balanced journal entry; posts
 * correction requests (reversals, adjustments) once per correction id. A replayed input for an entry that
 * is already posted re-emits the entry's stored event under its one id.
 */
@Component
public class PostingStage implements StageHandler {
    private final PendingLegs pending;
    private final Ledger ledger;
    private final BankInputLines bankInput;
    private final PostingProperties properties;
    private final MeterRegistry meters;
    /** Registered up front, so each type is exported (at 0) from the start and a post does no meter lookup. */
    private final Map<EntryType, Counter> journalEntries = new EnumMap<>(EntryType.class);

    public PostingStage(PendingLegs pending, Ledger ledger, BankInputLines bankInput, PostingProperties properties,
                        MeterRegistry meters) {
        this.pending = pending;
        this.ledger = ledger;
        this.bankInput = bankInput;
        this.properties = properties;
        this.meters = meters;
        for (EntryType type : EntryType.values()) {
            journalEntries.put(type, meters.counter("postline.posting.journal.entries", "type", type.name()));
        }
    }

    @Override
    public String stageName() {
        return "posting";
    }

    @Override
    public Set<Topic> consumes() {
        return Set.of(Topic.POSTING_LEG, Topic.POSTING_CORRECTION);
    }

    @Override
    public void handle(List<InboundEvent> events, StageOutput output) {
        Instant now = Instant.now();
        List<InboundEvent> legs = new ArrayList<>();
        List<InboundEvent> corrections = new ArrayList<>();
        for (InboundEvent e : events) {
            (e.payload() instanceof PostingLeg ? legs : corrections).add(e);
        }
        if (!legs.isEmpty()) {
            postSequences(legs, output, now);
        }
        if (!corrections.isEmpty()) {
            postCorrections(corrections, output, now);
        }
    }

    private void postSequences(List<InboundEvent> events, StageOutput output, Instant now) {
        Map<UUID, List<InboundEvent>> bySequence = events.stream().collect(Collectors.groupingBy(
                e -> ((PostingLeg) e.payload()).postingSequenceId(), LinkedHashMap::new, Collectors.toList()));
        Set<UUID> alreadyPosted = ledger.postedAmong(bySequence.keySet());
        if (!alreadyPosted.isEmpty()) {
            reEmitForReplays(alreadyPosted, bySequence, output);
            meters.counter("postline.posting.legs.after.posting").increment(alreadyPosted.size());
            bySequence.keySet().removeAll(alreadyPosted);
        }
        // Legs stored by earlier batches come first, so a repeat that disagrees with them is caught. A sequence
        // whose legs all arrive in this batch (the usual case) never touches pending_leg.
        Map<UUID, List<PostingLeg>> stored = pending.of(bySequence.keySet()).stream()
                .collect(Collectors.groupingBy(PostingLeg::postingSequenceId));

        List<JournalEntry> journal = new ArrayList<>();
        List<InboundEvent> causes = new ArrayList<>();
        List<PostingLeg> toStore = new ArrayList<>();
        for (var entry : bySequence.entrySet()) {
            List<PostingLeg> arrived = entry.getValue().stream().map(e -> (PostingLeg) e.payload()).toList();
            List<PostingLeg> known = new ArrayList<>(stored.getOrDefault(entry.getKey(), List.of()));
            known.addAll(arrived);
            switch (PostingSequenceAssembler.assemble(entry.getKey(), known)) {
                case Assembly.Complete complete -> {
                    journal.add(JournalEntry.of(complete));
                    causes.add(entry.getValue().getLast());
                }
                case Assembly.Incomplete incomplete -> toStore.addAll(arrived); // waits for its other legs;
                // IncompleteSequenceReporter reports it after the timeout
                case Assembly.Invalid invalid -> {
                    meters.counter("postline.posting.sequences.invalid").increment();
                    toStore.addAll(arrived);
                    entry.getValue().forEach(e -> output.deadLetter(e, invalid.reason()));
                }
            }
        }
        pending.add(toStore);
        post(journal, causes, output, now);
        pending.remove(journal.stream().map(JournalEntry::postingSequenceId).filter(stored::containsKey).toList());
    }

    private void postCorrections(List<InboundEvent> events, StageOutput output, Instant now) {
        Map<UUID, InboundEvent> byId = new LinkedHashMap<>();
        for (InboundEvent e : events) {
            byId.putIfAbsent(((PostingCorrection) e.payload()).correctionId(), e);
        }
        Set<UUID> alreadyPosted = ledger.postedAmong(byId.keySet());
        if (!alreadyPosted.isEmpty()) {
            Map<UUID, List<InboundEvent>> grouped = new HashMap<>();
            alreadyPosted.forEach(id -> grouped.put(id, List.of(byId.get(id))));
            reEmitForReplays(alreadyPosted, grouped, output);
            byId.keySet().removeAll(alreadyPosted);
        }
        List<UUID> targetIds = byId.values().stream()
                .map(e -> ((PostingCorrection) e.payload()).targetJournalId()).toList();
        Map<UUID, JournalEntry> targets = ledger.load(targetIds);
        Map<UUID, UUID> reversed = new HashMap<>(ledger.reversalsOf(targetIds));
        Set<UUID> correctedInBatch = new HashSet<>();
        List<JournalEntry> journal = new ArrayList<>();
        List<InboundEvent> causes = new ArrayList<>();
        for (InboundEvent e : byId.values()) {
            PostingCorrection c = (PostingCorrection) e.payload();
            JournalEntry target = targets.get(c.targetJournalId());
            if (target == null) {
                output.deadLetter(e, "journal " + c.targetJournalId() + " is not in the ledger");
                continue;
            }
            if (!correctedInBatch.add(c.targetJournalId())) {
                output.deadLetter(e, "another correction of journal " + c.targetJournalId() + " is in the same batch");
                continue;
            }
            switch (CorrectionPlanner.plan(c, target, reversed.get(c.targetJournalId()))) {
                case Plan.Post post -> {
                    journal.add(post.entry());
                    causes.add(e);
                }
                case Plan.Refuse refuse -> {
                    meters.counter("postline.posting.corrections.refused").increment();
                    output.deadLetter(e, refuse.reason());
                }
            }
        }
        post(journal, causes, output, now);
    }

    private void post(List<JournalEntry> journal, List<InboundEvent> causes, StageOutput output, Instant now) {
        if (journal.isEmpty()) {
            return;
        }
        List<PostingPosted> posted = new ArrayList<>(journal.size());
        List<JournalEntry> batchSources = new ArrayList<>();
        for (JournalEntry e : journal) {
            boolean realtime = properties.bankInput().isRealtime(e.context().sourceId());
            posted.add(PostedEntries.event(e, now, properties.businessZone(), realtime));
            if (!realtime) {
                batchSources.add(e);
            }
        }
        // Emitted first so the journal stores the very bytes the outbox publishes: each event is serialised once.
        List<byte[]> payloads = new ArrayList<>(journal.size());
        for (int i = 0; i < journal.size(); i++) {
            JournalEntry e = journal.get(i);
            payloads.add(output.emit(causes.get(i), posted.get(i), e.postedEventId()));
            journalEntries.get(e.entryType()).increment();
        }
        ledger.post(journal, posted, payloads);
        bankInput.add(batchSources);
    }

    /** For replayed inputs of entries already posted, publishes the stored event again (same id). */
    private void reEmitForReplays(Set<UUID> posted, Map<UUID, List<InboundEvent>> bySequence, StageOutput output) {
        Map<UUID, InboundEvent> replayed = new HashMap<>();
        for (UUID seq : posted) {
            bySequence.get(seq).stream().filter(InboundEvent::replay).findFirst().ifPresent(e -> replayed.put(seq, e));
        }
        if (replayed.isEmpty()) {
            return;
        }
        ledger.postedEvents(replayed.keySet()).forEach((seq, event) -> output.emit(replayed.get(seq), event,
                JournalEntry.postedEventIdOf(event.journalId())));
    }
}
