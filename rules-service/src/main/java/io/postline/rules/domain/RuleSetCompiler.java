package io.postline.rules.domain;

import io.postline.rules.domain.RuleSet.Condition;
import io.postline.rules.domain.RuleSetDefinition.FeeDefinition;
import io.postline.rules.domain.RuleSetDefinition.RuleDefinition;
import io.postline.rules.domain.RuleSetDefinition.TemplateDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates a rule-set definition completely and compiles it. Every problem is reported at once, with
 * the rule it concerns; a set with any problem is refused whole, so a bad edit never takes effect.
 */
public final class RuleSetCompiler {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Z0-9](?:[A-Z0-9-]|\\{currency\\}){0,33}");

    private RuleSetCompiler() {
    }

    /** Turns a condition's text into a test, or throws {@link IllegalArgumentException} saying why not. */
    public interface ConditionCompiler extends Function<String, Condition> {
    }


    public sealed interface Result {
        record Compiled(RuleSet ruleSet) implements Result {
        }

        record Invalid(List<String> problems) implements Result {
        }
    }

    public static Result compile(String version, RuleSetDefinition def, ConditionCompiler conditions,
                                 List<RuleFacts> samples) {
        List<String> problems = new ArrayList<>();
        if (def == null || def.rules() == null || def.rules().isEmpty()) {
            return new Result.Invalid(List.of("a rule set needs at least one rule"));
        }
        Set<String> ids = new HashSet<>();
        List<RuleSet.Rule> rules = new ArrayList<>();
        for (int i = 0; i < def.rules().size(); i++) {
            RuleDefinition r = def.rules().get(i);
            String where = "rule " + (r.id() == null ? "#" + (i + 1) : "'" + r.id() + "'");
            int before = problems.size();
            if (r.id() == null || !ID.matcher(r.id()).matches()) {
                problems.add(where + ": id must be 1-64 of a-z 0-9 -");
            } else if (!ids.add(r.id())) {
                problems.add(where + ": id is used twice");
            }
            if (r.priority() == null) {
                problems.add(where + ": priority is required");
            }
            Condition condition = null;
            if (r.when() == null || r.when().isBlank()) {
                problems.add(where + ": 'when' is required");
            } else {
                try {
                    condition = conditions.apply(r.when());
                    for (RuleFacts sample : samples) {
                        condition.test(sample); // an unknown fact or a non-boolean fails here, not in production
                    }
                } catch (RuntimeException e) {
                    problems.add(where + ": condition '" + r.when() + "' is invalid: " + e.getMessage());
                }
            }
            RuleSet.Outcome outcome = outcome(where, r, problems);
            if (problems.size() == before) {
                rules.add(new RuleSet.Rule(r.id(), r.description(), r.priority(), r.when(), condition, outcome));
            }
        }
        return problems.isEmpty() ? new Result.Compiled(new RuleSet(version, def.description(), rules))
                : new Result.Invalid(problems);
    }

    private static RuleSet.Outcome outcome(String where, RuleDefinition r, List<String> problems) {
        if (r.outcome() == null) {
            problems.add(where + ": outcome must be post, hold or reject");
            return null;
        }
        switch (r.outcome()) {
            case "hold", "reject" -> {
                if (r.reason() == null || !REASON.matcher(r.reason()).matches()) {
                    problems.add(where + ": a " + r.outcome() + " needs a reason in UPPER_SNAKE_CASE");
                    return null;
                }
                if (r.template() != null) {
                    problems.add(where + ": only a post outcome has a template");
                }
                return r.outcome().equals("hold") ? new RuleSet.Outcome.Hold(r.reason())
                        : new RuleSet.Outcome.Reject(r.reason());
            }
            case "post" -> {
                return template(where, r.template(), problems);
            }
            default -> {
                problems.add(where + ": outcome must be post, hold or reject, not '" + r.outcome() + "'");
                return null;
            }
        }
    }

    private static RuleSet.Outcome template(String where, TemplateDefinition t, List<String> problems) {
        if (t == null) {
            problems.add(where + ": a post outcome needs a template");
            return null;
        }
        RuleSet.Direction direction = null;
        if ("debit".equals(t.cardholder())) {
            direction = RuleSet.Direction.DEBIT;
        } else if ("credit".equals(t.cardholder())) {
            direction = RuleSet.Direction.CREDIT;
        } else {
            problems.add(where + ": template.cardholder must be debit or credit");
        }
        if (t.counterAccount() == null || !ACCOUNT.matcher(t.counterAccount()).matches()) {
            problems.add(where + ": template.counterAccount must be an account (A-Z 0-9 -, may hold {currency})");
        }
        List<RuleSet.Fee> fees = new ArrayList<>();
        Set<String> feeIds = new HashSet<>();
        for (FeeDefinition f : t.fees() == null ? List.<FeeDefinition>of() : t.fees()) {
            String fee = where + ": fee '" + f.id() + "'";
            if (f.id() == null || !ID.matcher(f.id()).matches() || !feeIds.add(f.id())) {
                problems.add(fee + ": id must be unique, 1-64 of a-z 0-9 -");
            }
            if (f.percent() == null || f.percent().signum() < 0 || f.percent().compareTo(BigDecimal.valueOf(100)) > 0) {
                problems.add(fee + ": percent must be between 0 and 100");
            }
            if (f.minimum() != null && f.minimum().signum() < 0) {
                problems.add(fee + ": minimum must not be negative");
            }
            if (f.account() == null || !ACCOUNT.matcher(f.account()).matches()) {
                problems.add(fee + ": account must be an account (A-Z 0-9 -, may hold {currency})");
            }
            fees.add(new RuleSet.Fee(f.id(), f.percent(), f.minimum(), f.account()));
        }
        return direction == null ? null : new RuleSet.Outcome.Post(new RuleSet.PostingTemplate(direction,
                t.counterAccount(), fees, Boolean.TRUE.equals(t.fxRounding())));
    }
}
