package io.postline.rules.domain;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/** A versioned, compiled set of accounting rules, ordered by priority (lowest first). */
public record RuleSet(String version, String description, List<Rule> rules) {
    public RuleSet {
        rules = rules.stream().sorted(Comparator.comparingInt(Rule::priority)).toList();
    }

    /** A compiled test over the facts. */
    @FunctionalInterface
    public interface Condition {
        boolean test(RuleFacts facts);
    }

    public record Rule(String id, String description, int priority, String when, Condition condition,
                       Outcome outcome) {
    }

    public sealed interface Outcome {
        record Post(PostingTemplate template) implements Outcome {
        }

        record Hold(String reason) implements Outcome {
        }

        record Reject(String reason) implements Outcome {
        }
    }

    public enum Direction {
        DEBIT, CREDIT
    }

    /**
     * How a {@code post} outcome books a transaction, all in the account currency: the cardholder leg
     * ({@code direction}), the counter leg ({@code counterAccount}), a leg per fee, and with
     * {@code fxRounding} a leg for what rounding the converted amount and its fees separately took off.
     * Accounts may contain {@code {currency}}.
     */
    public record PostingTemplate(Direction cardholder, String counterAccount, List<Fee> fees, boolean fxRounding) {
        public PostingTemplate {
            fees = fees == null ? List.of() : List.copyOf(fees);
        }
    }

    /** A fee of {@code percent} of the posted amount, at least {@code minimum} (major units) when given. */
    public record Fee(String id, BigDecimal percent, BigDecimal minimum, String account) {
    }
}
