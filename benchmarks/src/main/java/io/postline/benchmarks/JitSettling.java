package io.postline.benchmarks;

import java.io.IOException;
import java.util.Map;

/**
 * Whether the services' JIT compilers have gone quiet, so that a phase measures the steady rate rather than the
 * last of the warm-up: on a slow 2-core machine C2 is still compiling library code (Kafka client, Tomcat, Spring,
 * JDBC) minutes into a load, at a tenth of the machine (docs/benchmarks.md). The broker's compilers are not
 * counted: they are not ours, and the Kafka floor is measured with the broker as it is.
 */
final class JitSettling {
    /** How long one more slice of warm-up runs before the compilers are looked at again. */
    static final int SLICE_SECONDS = 10;
    /** Below this share of the machine, in cores, the services' compilers count as quiet. */
    static final double QUIET_CORES = 0.05;
    private final ProcessCpu cpu;
    private double lastCores = Double.NaN;

    JitSettling(ProcessCpu cpu) {
        this.cpu = cpu;
    }

    /** Whether the services' compilers used less than {@link #QUIET_CORES} since {@code since}. */
    boolean settled(ProcessCpu.Snapshot since) throws IOException {
        lastCores = servicesCompilerCores(ProcessCpu.between(since, cpu.snapshot()));
        return quiet(lastCores);
    }

    static boolean quiet(double cores) {
        return cores < QUIET_CORES;
    }

    /** The cores the services' JIT compiler threads used on average over a stretch of time. */
    static double servicesCompilerCores(ProcessCpu.Used used) {
        double seconds = used.compilers().entrySet().stream().filter(e -> !e.getKey().equals(ProcessCpu.BROKER))
                .mapToDouble(Map.Entry::getValue).sum();
        return used.wallSeconds() > 0 ? seconds / used.wallSeconds() : 0;
    }

    String describe(int slices) {
        return String.format("JIT: the services' compilers used %.3f cores in the last stretch of warm-up, %s "
                        + "(%d s more than the fixed warm-up)", lastCores,
                quiet(lastCores) ? "quiet (under " + QUIET_CORES + ")" : "still busy: the limit was reached first",
                slices * SLICE_SECONDS);
    }
}
