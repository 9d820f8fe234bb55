package io.postline.benchmarks;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Report lines that put a phase's CPU in context: how much was the JIT and the garbage collector, and what the
 * machine did besides.
 */
final class CpuShares {
    private CpuShares() {
    }

    /** E.g. "of which JIT compiler threads: services (one JVM) 12.3 s (13 µs), kafka broker 0.4 s (0 µs)". */
    static String compilers(Map<String, Double> seconds, long posted) {
        return threads("of which JIT compiler threads: ", seconds, posted);
    }

    /** E.g. "of which garbage collection (VM and GC threads): services (one JVM) 6.1 s (6 µs), ...". */
    static String collectors(Map<String, Double> seconds, long posted) {
        return threads("of which garbage collection (VM and GC threads): ", seconds, posted);
    }

    private static String threads(String label, Map<String, Double> seconds, long posted) {
        StringJoiner line = new StringJoiner(", ", label, "");
        seconds.forEach((process, s) -> line.add(String.format("%s %.1f s (%.0f µs)", process, s,
                s * 1e6 / Math.max(1, posted))));
        return line.toString();
    }

    /**
     * E.g. "machine (/proc/stat): 1.98 of 2 cores busy, 0.17 of them outside the processes above; waiting on the
     * disk 0.01, stolen by the hypervisor 0.00".
     */
    static String machine(MachineCpu used, double trackedSeconds, double wallSeconds) {
        return String.format("machine (/proc/stat): %.2f of %d cores busy, %.2f of them outside the processes above; "
                        + "waiting on the disk %.2f, stolen by the hypervisor %.2f",
                used.busy() / wallSeconds, Runtime.getRuntime().availableProcessors(),
                Math.max(0, used.busy() - trackedSeconds) / wallSeconds, used.ioWait() / wallSeconds,
                used.steal() / wallSeconds);
    }
}
