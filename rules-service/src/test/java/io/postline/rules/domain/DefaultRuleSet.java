package io.postline.rules.domain;

import io.postline.rules.expression.SpelConditions;
import io.postline.rules.store.ActiveRuleSet;
import io.postline.rules.store.RuleSetYaml;

/** The repository's default rule set, compiled as the service compiles it. */
final class DefaultRuleSet {
    private DefaultRuleSet() {
    }

    static RuleSet compiled() {
        var result = RuleSetCompiler.compile("1", RuleSetYaml.read(ActiveRuleSet.defaultDefinition()),
                new SpelConditions(), ActiveRuleSet.SAMPLES);
        if (result instanceof RuleSetCompiler.Result.Compiled c) {
            return c.ruleSet();
        }
        throw new AssertionError("the default rule set does not compile: " + result);
    }
}
