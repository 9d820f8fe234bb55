package io.postline.benchmarks;

import io.postline.events.AccountRef;
import io.postline.events.FxConversion;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionEnriched;
import io.postline.events.TransactionType;
import io.postline.rules.domain.PostingPlanner;
import io.postline.rules.domain.RuleEngine;
import io.postline.rules.domain.RuleFacts;
import io.postline.rules.domain.RuleSet;
import io.postline.rules.domain.RuleSetCompiler;
import io.postline.rules.expression.SpelConditions;
import io.postline.rules.store.ActiveRuleSet;
import io.postline.rules.store.RuleSetYaml;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Rule evaluation per transaction with the default rule set: every rule's condition (SpEL, read-only
 * context), the decision, and for a post the legs. Single thread; prints a plain report.
 * Run: {@code benchmarks/run.sh rules [transactions] [warm-up]}.
 */
public final class RuleEvaluationBenchmark {
    private RuleEvaluationBenchmark() {
    }

    public record Result(long count, double p50Micros, double p99Micros, double p999Micros, double maxMicros,
                         double perSecond, long posted, long held) {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 200_000, args.length > 1 ? Integer.parseInt(args[1]) : 100_000,
                System.out);
    }

    public static Result run(int transactions, int warmUp, PrintStream out) {
        RuleSet rules = switch (RuleSetCompiler.compile("1", RuleSetYaml.read(ActiveRuleSet.defaultDefinition()),
                new SpelConditions(), ActiveRuleSet.SAMPLES)) {
            case RuleSetCompiler.Result.Compiled c -> c.ruleSet();
            case RuleSetCompiler.Result.Invalid i -> throw new IllegalStateException(i.problems().toString());
        };
        List<TransactionEnriched> mix = mix(10_000, 7);
        UUID sequence = UUID.randomUUID();
        long legs = 0;
        for (int i = 0; i < warmUp; i++) {
            legs += evaluate(rules, mix.get(i % mix.size()), sequence);
        }
        legs = 0;
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
        long posted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < transactions; i++) {
            TransactionEnriched tx = mix.get(i % mix.size());
            long t0 = System.nanoTime();
            int n = evaluate(rules, tx, sequence);
            histogram.recordValue(System.nanoTime() - t0);
            if (n > 0) {
                posted++;
            }
            legs += n;
        }
        long elapsed = System.nanoTime() - start;
        Result r = new Result(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
                histogram.getMaxValue() / 1000.0, transactions / (elapsed / 1e9), posted, transactions - posted);
        out.printf("Rule evaluation benchmark: default rule set (%d rules), %d transactions after %d warm-up, 1 thread, %s%n",
                rules.rules().size(), transactions, warmUp, Runtime.version());
        out.printf("  decide + plan legs  n=%d  p50=%.1f µs  p99=%.1f µs  p99.9=%.1f µs  max=%.1f µs  %,.0f tx/s  "
                + "(posted %d, held or rejected %d, legs %d)%n", r.count(), r.p50Micros(), r.p99Micros(), r.p999Micros(),
                r.maxMicros(), r.perSecond(), r.posted(), r.held(), legs);
        return r;
    }

    private static int evaluate(RuleSet rules, TransactionEnriched tx, UUID sequence) {
        RuleEngine.Decision d = RuleEngine.decide(rules, RuleFacts.of(tx));
        if (d.outcome() instanceof RuleSet.Outcome.Post post) {
            return PostingPlanner.legs(tx, post.template(), sequence, d.ruleSetVersion(), d.decisiveId()).size();
        }
        return 0;
    }

    /** Mostly domestic purchases, with foreign purchases, cash, refunds and the cases that hold or reject. */
    static List<TransactionEnriched> mix(int size, long seed) {
        Random random = new Random(seed);
        String[] mccs = {"5812", "5411", "5541", "4112", "5942", "6011", "7995"};
        String[] foreign = {"EUR", "USD", "JPY", "CHF"};
        List<TransactionEnriched> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(100);
            TransactionType type = kind < 8 ? TransactionType.CASH_WITHDRAWAL : kind < 12 ? TransactionType.REFUND
                    : TransactionType.PURCHASE;
            String txCcy = kind >= 12 && kind < 30 ? foreign[random.nextInt(foreign.length)] : "GBP";
            Money amount = new Money(100 + random.nextInt(200_000), txCcy);
            Money posting = amount;
            FxConversion fx = null;
            if (!txCcy.equals("GBP")) {
                BigDecimal rate = new BigDecimal(txCcy.equals("JPY") ? "0.0052" : "0.85").add(
                        BigDecimal.valueOf(random.nextInt(1000), 6));
                BigDecimal exact = amount.toDecimal().multiply(rate);
                BigDecimal rounded = exact.setScale(2, RoundingMode.HALF_EVEN).max(new BigDecimal("0.01"));
                posting = Money.of(rounded, "GBP");
                fx = new FxConversion(amount, posting, rate, "BENCH", Instant.EPOCH, "HALF_EVEN", exact.subtract(rounded));
            }
            String mcc = type == TransactionType.CASH_WITHDRAWAL ? "6011" : mccs[random.nextInt(mccs.length)];
            StandardizedTransaction t = new StandardizedTransaction("B-" + i, "m", "src", "CTK000001", "1",
                    new Merchant("M", "Shop", mcc, "Town", "GB"), amount, null, "000001", "000000000001", "A1B2C3",
                    Instant.EPOCH, null, null, type);
            out.add(new TransactionEnriched("B-" + i, t, new AccountRef("41000001", null, "20-32-06", "Leeds", "GBP",
                    random.nextInt(50) == 0 ? "BLOCKED" : "OPEN", "Holder", "PERSONAL", "RETAIL", "CURRENT",
                    "DEBIT_BALANCE"), posting, fx, "Shop, Town", random.nextInt(40) == 0 ? null : "GB",
                    "Merchant category"));
        }
        return out;
    }
}
