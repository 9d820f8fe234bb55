package io.postline.dedup.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.dedup.config.DedupProperties;
import io.postline.dedup.domain.DuplicateDetector;
import io.postline.dedup.domain.DuplicateDetector.Candidate;
import io.postline.dedup.domain.DuplicateDetector.Decision;
import io.postline.dedup.domain.Fingerprinter;
import io.postline.dedup.store.FingerprintStore;
import io.postline.dedup.store.ParkedDuplicates;
import io.postline.events.AuthorizationDuplicate;
import io.postline.events.AuthorizationReceived;
import io.postline.events.AuthorizationUnique;
import io.postline.events.Topic;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Wires duplicate detection to the stage runtime: fingerprints, decides, records, forwards or parks. */
@Component
public class DedupStage implements StageHandler {
    private final Fingerprinter fingerprinter;
    private final FingerprintStore fingerprints;
    private final ParkedDuplicates parked;
    private final DedupProperties properties;
    private final MeterRegistry meters;

    public DedupStage(FingerprintStore fingerprints, ParkedDuplicates parked, DedupProperties properties,
                      MeterRegistry meters) {
        this.fingerprinter = new Fingerprinter(properties.fingerprintSecret());
        this.fingerprints = fingerprints;
        this.parked = parked;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public String stageName() {
        return "dedup";
    }

    @Override
    public Set<Topic> consumes() {
        return Set.of(Topic.AUTHORIZATION_RECEIVED);
    }

    @Override
    public void handle(List<InboundEvent> events, StageOutput output) {
        Map<UUID, InboundEvent> byId = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>(events.size());
        for (InboundEvent e : events) {
            byId.put(e.eventId(), e);
            candidates.add(new Candidate(e.eventId(), e.authorizationId(),
                    fingerprinter.fingerprint((AuthorizationReceived) e.payload())));
        }
        var known = fingerprints.findLive(candidates.stream().map(Candidate::fingerprint).toList(), properties.window());
        List<Decision> decisions = DuplicateDetector.decide(candidates, known);

        List<Candidate> originals = decisions.stream().filter(Decision.Unique.class::isInstance)
                .map(Decision::candidate).toList();
        Set<String> recorded = fingerprints.record(originals, properties.window());
        if (recorded.size() < originals.size()) {
            // Another consumer recorded some of these fingerprints first: decide again against the store.
            known = fingerprints.findLive(candidates.stream().map(Candidate::fingerprint).toList(), properties.window());
            known.keySet().removeAll(recorded);
            decisions = DuplicateDetector.decide(candidates, known);
        }

        Instant now = Instant.now();
        List<ParkedDuplicates.Parked> toPark = new ArrayList<>();
        for (Decision d : decisions) {
            InboundEvent e = byId.get(d.candidate().eventId());
            AuthorizationReceived a = (AuthorizationReceived) e.payload();
            meters.counter("postline.dedup.checked").increment();
            switch (d) {
                case Decision.Unique u -> {
                    meters.counter("postline.dedup.unique").increment();
                    output.emit(e, new AuthorizationUnique(a.authorizationId(), a, now));
                }
                case Decision.Duplicate dup -> {
                    meters.counter("postline.dedup.parked", "reason", dup.reason().name()).increment();
                    AuthorizationDuplicate event = new AuthorizationDuplicate(a.authorizationId(), a, dup.reason(),
                            dup.original().authorizationId(), dup.original().eventId(), now);
                    toPark.add(new ParkedDuplicates.Parked(e.eventId(), event));
                    output.emit(e, event);
                }
            }
        }
        if (!toPark.isEmpty()) {
            parked.park(toPark);
        }
    }
}
