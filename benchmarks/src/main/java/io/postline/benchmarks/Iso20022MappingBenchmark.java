package io.postline.benchmarks;

import io.postline.events.StandardizedTransaction;
import io.postline.iso20022.Cain001Writer;
import io.postline.iso20022.CardEntryNotice;
import io.postline.iso20022.Camt054Writer;
import io.postline.iso20022.IsoCorpus;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.HdrHistogram.Histogram;

/**
 * Per-message ISO 20022 mapping + XML serialization time, single thread, over the writers' varied corpus
 * (every currency exponent, FX and non-FX, names at their limits). Prints a plain report; used for
 * docs/benchmarks.md. Run: {@code benchmarks/run.sh iso20022-mapping [messages] [warm-up]}.
 */
public final class Iso20022MappingBenchmark {
    private Iso20022MappingBenchmark() {
    }

    public record Result(String message, long count, double p50Micros, double p99Micros, double p999Micros,
                         double maxMicros, double perSecond) {
    }

    public static void main(String[] args) {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        run(messages, warmUp, System.out);
    }

    public static List<Result> run(int messages, int warmUp, PrintStream out) {
        List<StandardizedTransaction> authorizations = IsoCorpus.authorizations(10_000, 42);
        List<CardEntryNotice> entries = IsoCorpus.cardEntries(10_000, 11);
        Instant now = Instant.now();
        out.printf("ISO 20022 mapping benchmark: %d messages per type after %d warm-up, 1 thread, %s %s%n",
                messages, warmUp, System.getProperty("java.vm.name"), Runtime.version());
        Result cain = measure("cain.001.001.04", authorizations, t -> Cain001Writer.write(t, now).length(), messages, warmUp);
        Result camt = measure("camt.054.001.08", entries, n -> Camt054Writer.write(n).length(), messages, warmUp);
        for (Result r : List.of(cain, camt)) {
            out.printf("  %-16s n=%-8d p50=%7.1f µs  p99=%7.1f µs  p99.9=%7.1f µs  max=%8.1f µs  %,10.0f msg/s%n",
                    r.message(), r.count(), r.p50Micros(), r.p99Micros(), r.p999Micros(), r.maxMicros(), r.perSecond());
        }
        return List.of(cain, camt);
    }

    private static <T> Result measure(String name, List<T> inputs, ToIntFunction<T> map, int messages, int warmUp) {
        long sink = 0;
        for (int i = 0; i < warmUp; i++) {
            sink += map.applyAsInt(inputs.get(i % inputs.size()));
        }
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            T input = inputs.get(i % inputs.size());
            long t0 = System.nanoTime();
            sink += map.applyAsInt(input);
            histogram.recordValue(System.nanoTime() - t0);
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 42) {
            System.out.print(""); // keeps the work observable to the JIT
        }
        return new Result(name, histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
                histogram.getMaxValue() / 1000.0, messages / (elapsed / 1e9));
    }
}
