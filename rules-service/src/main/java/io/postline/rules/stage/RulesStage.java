package io.postline.rules.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.EventIds;
import io.postline.events.PostingLeg;
import io.postline.events.Topic;
import io.postline.events.TransactionEnriched;
import io.postline.events.TransactionHeld;
import io.postline.rules.domain.PostingPlanner;
import io.postline.rules.domain.RuleEngine;
import io.postline.rules.domain.RuleEngine.Decision;
import io.postline.rules.domain.RuleFacts;
import io.postline.rules.domain.RuleSet;
import io.postline.rules.store.ActiveRuleSet;
import io.postline.rules.store.RuleDecisions;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Applies the rule set in force to each enriched transaction: post its legs, hold it, or reject it. */
@Component
public class RulesStage implements StageHandler {
    private final ActiveRuleSet ruleSet;
    private final RuleDecisions decisions;
    private final MeterRegistry meters;

    public RulesStage(ActiveRuleSet ruleSet, RuleDecisions decisions, MeterRegistry meters) {
        this.ruleSet = ruleSet;
        this.decisions = decisions;
        this.meters = meters;
    }

    @Override
    public String stageName() {
        return "rules";
    }

    @Override
    public Set<Topic> consumes() {
        return Set.of(Topic.TRANSACTION_ENRICHED);
    }

    @Override
    public void handle(List<InboundEvent> events, StageOutput output) {
        RuleSet rules = ruleSet.current(); // one version for the whole batch
        List<RuleDecisions.Recorded> audit = new ArrayList<>(events.size());
        for (InboundEvent e : events) {
            TransactionEnriched tx = (TransactionEnriched) e.payload();
            Decision d = RuleEngine.decide(rules, RuleFacts.of(tx));
            audit.add(new RuleDecisions.Recorded(e.eventId(), tx.authorizationId(), d));
            switch (d.outcome()) {
                case RuleSet.Outcome.Post post -> {
                    // Derived from the input, so a replay produces the same sequence and posting stays idempotent.
                    UUID sequenceId = EventIds.derive(e.eventId(), stageName() + "/sequence", 0);
                    for (PostingLeg leg : PostingPlanner.legs(tx, post.template(), sequenceId, d.ruleSetVersion(),
                            d.decisiveId())) {
                        output.emit(e, leg);
                    }
                }
                case RuleSet.Outcome.Hold hold -> output.emit(e, held(tx, hold.reason(), "HOLD", d));
                case RuleSet.Outcome.Reject reject -> output.emit(e, held(tx, reject.reason(), "REJECT", d));
            }
            meters.counter("postline.rules.decisions", "rule", d.decisiveId()).increment();
        }
        decisions.record(audit, output.repeatsTolerated());
    }

    private TransactionHeld held(TransactionEnriched tx, String reason, String disposition, Decision d) {
        return new TransactionHeld(tx.authorizationId(), stageName(), reason,
                (disposition.equals("HOLD") ? "held" : "rejected") + " by rule " + d.decisiveId() + " of rule set version "
                        + d.ruleSetVersion() + "; rules fired: " + d.fired(),
                tx.postingAmount(), Instant.now(), disposition, d.ruleSetVersion(), d.decisiveId());
    }
}
