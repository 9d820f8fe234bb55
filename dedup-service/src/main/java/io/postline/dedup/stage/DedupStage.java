package io.postline.dedup.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.dedup.config.DedupProperties;
import io.postline.dedup.domain.DuplicateDetector;
import io.postline.dedup.domain.DuplicateDetector.Candidate;
import io.postline.dedup.domain.DuplicateDetector.Decision;
import io.postline.dedup.domain.Fingerprinter;
import io.postline.dedup.store.DedupWindow;
import io.postline.dedup.store.DroppedResends;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Wires duplicate detection to the stage runtime: hashes, decides against what the window holds, records
 * first sightings, then forwards, parks or drops.
 */
@Component
public class DedupStage implements StageHandler {
    private final Fingerprinter fingerprinter;
    private final DedupWindow window;
    private final ParkedDuplicates parked;
    private final DroppedResends resends;
    private final DedupProperties properties;
    private final MeterRegistry meters;

    public DedupStage(DedupWindow window, ParkedDuplicates parked, DroppedResends resends,
                      DedupProperties properties, MeterRegistry meters) {
        this.fingerprinter = new Fingerprinter(properties.fingerprintSecret());
        this.window = window;
        this.parked = parked;
        this.resends = resends;
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
        Map<UUID, InboundEvent> byId = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>(events.size());
        for (InboundEvent e : events) {
            AuthorizationReceived a = (AuthorizationReceived) e.payload();
            byId.put(e.eventId(), e);
            candidates.add(new Candidate(e.eventId(), a.authorizationId(), fingerprinter.fingerprint(a),
                    fingerprinter.contentHash(a)));
        }
        List<Decision> decisions = decideAndRecord(candidates, byId);
        act(decisions, byId, output);
    }

    /**
     * Decides, then records first sightings and new originals; a replayed event processed again is decided as
     * it was the first time. If another consumer recorded one of the same ids or fingerprints first, decides
     * once more against the window, without this batch's own rows, and drops the rows of candidates that are
     * no longer first sightings or originals.
     */
    private List<Decision> decideAndRecord(List<Candidate> candidates, Map<UUID, InboundEvent> byId) {
        // Rows of these very events exist only when a replay makes the runtime process them again (their
        // outputs were lost); they must then be decided as the first time, not as resends of themselves.
        List<Decision> decisions = decide(candidates, byId.keySet());
        List<DedupWindow.Sighting> firstOfId = new ArrayList<>(decisions.size());
        List<Candidate> uniques = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            if (d.firstOfItsId()) {
                firstOfId.add(sighting(d.candidate(), byId));
            }
            if (d instanceof Decision.Unique) {
                uniques.add(d.candidate());
            }
        }
        DedupWindow.Recorded recorded = window.record(firstOfId, uniques, properties.window());
        if (recorded.sightings().size() == firstOfId.size() && recorded.fingerprints().size() == uniques.size()) {
            return decisions;
        }
        List<Decision> again = decide(candidates, byId.keySet());
        Set<UUID> stillFirst = new HashSet<>();
        Set<UUID> stillUnique = new HashSet<>();
        for (Decision d : again) {
            if (d.firstOfItsId()) {
                stillFirst.add(d.candidate().eventId());
            }
            if (d instanceof Decision.Unique) {
                stillUnique.add(d.candidate().eventId());
            }
        }
        window.forget(recorded.sightings().stream().filter(id -> !stillFirst.contains(id)).toList(),
                recorded.fingerprints().stream().filter(id -> !stillUnique.contains(id)).toList());
        return again;
    }

    private List<Decision> decide(List<Candidate> candidates, Set<UUID> excludeOwnRows) {
        List<String> ids = new ArrayList<>(candidates.size());
        List<String> fingerprints = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            ids.add(c.authorizationId());
            fingerprints.add(c.fingerprint());
        }
        DedupWindow.Live live = window.find(ids, fingerprints, properties.window());
        live.byAuthorizationId().values().removeIf(s -> excludeOwnRows.contains(s.eventId()));
        live.byFingerprint().values().removeIf(o -> excludeOwnRows.contains(o.eventId()));
        return DuplicateDetector.decide(candidates, live.byAuthorizationId(), live.byFingerprint());
    }

    private static DedupWindow.Sighting sighting(Candidate c, Map<UUID, InboundEvent> byId) {
        return new DedupWindow.Sighting(c.eventId(), c.contentHash(),
                (AuthorizationReceived) byId.get(c.eventId()).payload());
    }

    private void act(List<Decision> decisions, Map<UUID, InboundEvent> byId, StageOutput output) {
        Instant now = Instant.now();
        List<ParkedDuplicates.Parked> toPark = new ArrayList<>();
        List<DroppedResends.Resend> dropped = new ArrayList<>();
        for (Decision d : decisions) {
            InboundEvent e = byId.get(d.candidate().eventId());
            AuthorizationReceived a = (AuthorizationReceived) e.payload();
            meters.counter("postline.dedup.checked").increment();
            switch (d) {
                case Decision.Unique u -> {
                    meters.counter("postline.dedup.unique").increment();
                    output.emit(e, new AuthorizationUnique(a.authorizationId(), a, now));
                }
                case Decision.Resend r -> {
                    meters.counter("postline.dedup.dropped", "reason", d.reason().name()).increment();
                    dropped.add(new DroppedResends.Resend(e.eventId(), a.authorizationId(), r.originalEventId()));
                }
                case Decision.Conflict c -> {
                    meters.counter("postline.dedup.parked", "reason", d.reason().name()).increment();
                    AuthorizationDuplicate event = new AuthorizationDuplicate(a.authorizationId(), a, d.reason(),
                            a.authorizationId(), c.originalEventId(), now);
                    toPark.add(new ParkedDuplicates.Parked(e.eventId(), event,
                            window.payloadOf(c.originalEventId()).orElse(null)));
                    output.emit(e, event);
                }
                case Decision.BusinessDuplicate b -> {
                    meters.counter("postline.dedup.parked", "reason", d.reason().name()).increment();
                    AuthorizationDuplicate event = new AuthorizationDuplicate(a.authorizationId(), a, d.reason(),
                            b.original().authorizationId(), b.original().eventId(), now);
                    toPark.add(new ParkedDuplicates.Parked(e.eventId(), event, null));
                    output.emit(e, event);
                }
            }
        }
        if (!toPark.isEmpty()) {
            parked.park(toPark);
        }
        if (!dropped.isEmpty()) {
            resends.record(dropped);
        }
    }
}
