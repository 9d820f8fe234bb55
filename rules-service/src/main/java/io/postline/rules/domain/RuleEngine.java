package io.postline.rules.domain;

import io.postline.rules.domain.RuleSet.Outcome;
import io.postline.rules.domain.RuleSet.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates every rule of a set against the facts, in priority order. The first rule that fires decides;
 * all that fired are recorded. When none fires the transaction is held, never posted by default.
 */
public final class RuleEngine {
    public static final String NO_RULE = "NO_RULE_MATCHED";

    private RuleEngine() {
    }

    public record Decision(String ruleSetVersion, Rule decisive, List<String> fired, Outcome outcome) {
        public String decisiveId() {
            return decisive == null ? NO_RULE : decisive.id();
        }
    }

    public static Decision decide(RuleSet set, RuleFacts facts) {
        List<String> fired = new ArrayList<>(2);
        Rule decisive = null;
        for (Rule rule : set.rules()) {
            if (rule.condition().test(facts)) {
                fired.add(rule.id());
                if (decisive == null) {
                    decisive = rule;
                }
            }
        }
        Outcome outcome = decisive == null ? new Outcome.Hold(NO_RULE) : decisive.outcome();
        return new Decision(set.version(), decisive, List.copyOf(fired), outcome);
    }
}
