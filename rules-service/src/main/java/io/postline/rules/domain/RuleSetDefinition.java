package io.postline.rules.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * A rule set as written (YAML in docs/rules.md), before its conditions are compiled. Everything is a plain
 * value so it can be stored, diffed and audited as text.
 */
public record RuleSetDefinition(String description, List<RuleDefinition> rules) {

    public record RuleDefinition(String id, String description, Integer priority, String when, String outcome,
                                 String reason, TemplateDefinition template) {
    }

    public record TemplateDefinition(String cardholder, String counterAccount, List<FeeDefinition> fees,
                                     Boolean fxRounding) {
    }

    public record FeeDefinition(String id, BigDecimal percent, BigDecimal minimum, String account) {
    }
}
