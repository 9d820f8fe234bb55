package io.postline.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.rules.expression.SpelConditions;
import io.postline.rules.store.ActiveRuleSet;
import io.postline.rules.store.RuleSetYaml;
import org.junit.jupiter.api.Test;

class RuleSetCompilerTest {
    @Test
    void everyProblemOfASetIsReportedWithItsRule() {
        String yaml = """
                description: broken
                rules:
                  - id: Bad Id
                    priority: 1
                    when: "mcc == "
                    outcome: hold
                    reason: lower_case
                  - id: dup
                    priority: 2
                    when: "noSuchFact == 1"
                    outcome: post
                  - id: dup
                    when: "amount"
                    outcome: explode
                  - id: fee
                    priority: 4
                    when: "true"
                    outcome: post
                    template:
                      cardholder: sideways
                      counterAccount: "gl lower"
                      fees:
                        - id: f
                          percent: 150
                          account: "GL-FEE"
                """;
        var result = RuleSetCompiler.compile("x", RuleSetYaml.read(yaml), new SpelConditions(), ActiveRuleSet.SAMPLES);
        assertThat(result).isInstanceOfSatisfying(RuleSetCompiler.Result.Invalid.class, invalid -> assertThat(invalid.problems())
                .anyMatch(p -> p.startsWith("rule 'Bad Id': id must be"))
                .anyMatch(p -> p.startsWith("rule 'Bad Id': condition 'mcc == ' is invalid"))
                .anyMatch(p -> p.contains("reason in UPPER_SNAKE_CASE"))
                .anyMatch(p -> p.startsWith("rule 'dup': condition 'noSuchFact == 1' is invalid"))
                .anyMatch(p -> p.equals("rule 'dup': a post outcome needs a template"))
                .anyMatch(p -> p.equals("rule 'dup': id is used twice"))
                .anyMatch(p -> p.equals("rule 'dup': priority is required"))
                .anyMatch(p -> p.contains("gives") && p.contains("not true or false"))
                .anyMatch(p -> p.contains("outcome must be post, hold or reject, not 'explode'"))
                .anyMatch(p -> p.contains("template.cardholder must be debit or credit"))
                .anyMatch(p -> p.contains("template.counterAccount must be an account"))
                .anyMatch(p -> p.contains("percent must be between 0 and 100")));
    }

    @Test
    void unknownKeysAreRefusedNotIgnored() {
        var result = new ActiveRuleSetLike().compile("rules:\n  - id: a\n    priorty: 1\n");
        assertThat(result).isInstanceOfSatisfying(RuleSetCompiler.Result.Invalid.class,
                i -> assertThat(i.problems().getFirst()).contains("priorty"));
    }

    /** Compiles YAML as the service does, without a database. */
    static final class ActiveRuleSetLike {
        RuleSetCompiler.Result compile(String yaml) {
            try {
                return RuleSetCompiler.compile("x", RuleSetYaml.read(yaml), new SpelConditions(), ActiveRuleSet.SAMPLES);
            } catch (IllegalArgumentException e) {
                return new RuleSetCompiler.Result.Invalid(java.util.List.of(e.getMessage()));
            }
        }
    }
}
