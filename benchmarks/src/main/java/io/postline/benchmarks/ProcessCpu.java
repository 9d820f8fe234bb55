package io.postline.benchmarks;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** CPU time and peak memory of the stack's processes and of all PostgreSQL processes, from /proc (Linux). */
final class ProcessCpu {
    private static final double TICKS = 100.0; // USER_HZ on Linux
    /** The broker's name among the processes. */
    static final String BROKER = "kafka broker";
    private final Map<String, Long> pids = new LinkedHashMap<>();

    ProcessCpu(LocalStack stack) {
        pids.put(BROKER, stack.broker().pid());
        if (stack.settings().servicesInOneJvm()) { // one process: its CPU counted once, not once per service
            pids.put("services (one JVM)", stack.service(PipelineService.AUTH_INGEST).pid());
            return;
        }
        for (PipelineService s : PipelineService.values()) {
            pids.put(s.module(), stack.service(s).pid());
        }
    }

    /**
     * What the stack's processes (PostgreSQL's all together), their JVMs' JIT compiler threads and garbage
     * collector threads, and the whole machine had used at one moment; {@link #between} turns two into a phase's use.
     */
    record Snapshot(Map<String, Double> processes, Map<String, Map<Long, Double>> compilers,
                    Map<String, Map<Long, Double>> collectors, MachineCpu machine, long nanos) {
    }

    /**
     * CPU used in a phase: per process, by the JIT compiler threads and by the garbage collector per JVM, and by
     * the machine as a whole.
     */
    record Used(Map<String, Double> processes, Map<String, Double> compilers, Map<String, Double> collectors,
                MachineCpu machine, double wallSeconds) {
        double total() {
            return processes.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    Snapshot snapshot() throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        // The JIT is still compiling well after start-up, and the collector's share is what heap and GC flags
        // could buy: the report says how much of a phase's CPU each took.
        Map<String, Map<Long, Double>> compilers = new LinkedHashMap<>();
        Map<String, Map<Long, Double>> collectors = new LinkedHashMap<>();
        for (var e : pids.entrySet()) {
            seconds.put(e.getKey(), cpuSeconds(e.getValue()));
            compilers.put(e.getKey(), threads(e.getValue(), ProcessCpu::isCompiler));
            collectors.put(e.getKey(), threads(e.getValue(), ProcessCpu::isCollector));
        }
        double postgres = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals("postgres")) {
                        postgres += cpuSecondsWithEndedChildren(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        seconds.put("postgresql (all)", postgres);
        return new Snapshot(seconds, compilers, collectors, MachineCpu.snapshot(), System.nanoTime());
    }

    static Used between(Snapshot before, Snapshot after) {
        Map<String, Double> processes = new LinkedHashMap<>();
        after.processes().forEach((name, s) -> processes.put(name, s - before.processes().getOrDefault(name, 0.0)));
        return new Used(processes, threadSeconds(before.compilers(), after.compilers()),
                threadSeconds(before.collectors(), after.collectors()), after.machine().minus(before.machine()),
                (after.nanos() - before.nanos()) / 1e9);
    }

    /**
     * Some threads' CPU between two snapshots, per process: a thread's time since the first, or all of it for a
     * thread started since. A thread that ended in between (HotSpot stops surplus compiler threads when idle, on
     * machines with more cores than these) is not counted, so on such machines this is a lower bound.
     */
    static Map<String, Double> threadSeconds(Map<String, Map<Long, Double>> before, Map<String, Map<Long, Double>> after) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        after.forEach((process, threads) -> {
            Map<Long, Double> earlier = before.getOrDefault(process, Map.of());
            double used = 0;
            for (var t : threads.entrySet()) {
                used += t.getValue() - earlier.getOrDefault(t.getKey(), 0.0);
            }
            seconds.put(process, used);
        });
        return seconds;
    }

    /** HotSpot names its JIT threads "C1 CompilerThread0", "C2 CompilerThread1", ... (cut to 15 characters in /proc). */
    static boolean isCompiler(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /**
     * The collector's threads: with SerialGC (what the stack runs) the "VM Thread" collects, at a safepoint; it
     * also runs the JVM's other safepoint operations, which are small beside collections. The parallel
     * collectors add "GC Thread#0", ... and G1 its "G1 ..." threads.
     */
    static boolean isCollector(String thread) {
        return thread.equals("VM Thread") || thread.startsWith("GC Thread#") || thread.startsWith("G1 ");
    }

    /** The CPU seconds of each of a process's threads whose name matches, by thread id. */
    static Map<Long, Double> threads(long pid, Predicate<String> name) throws IOException {
        Map<Long, Double> threads = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (name.test(Files.readString(task.resolve("comm")).trim())) {
                        String[] f = fields(Files.readString(task.resolve("stat")));
                        threads.put(Long.parseLong(task.getFileName().toString()),
                                (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return threads;
    }

    Map<String, Long> peakMemory() throws IOException {
        Map<String, Long> mb = new LinkedHashMap<>();
        for (var e : pids.entrySet()) {
            for (String line : Files.readAllLines(Path.of("/proc", e.getValue().toString(), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    mb.put(e.getKey(), Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        }
        return mb;
    }

    /** The process's own CPU time (utime + stime). */
    static double cpuSeconds(long pid) throws IOException {
        String[] f = stat(pid);
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
    }

    /**
     * The process's own CPU time and that of its children which have ended (cutime + cstime). For PostgreSQL's
     * postmaster that is every process it started and reaped during the phase: autovacuum workers, parallel query
     * workers, closed connections. Without it their CPU is lost, since they are gone by the next snapshot.
     */
    static double cpuSecondsWithEndedChildren(long pid) throws IOException {
        String[] f = stat(pid);
        return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS;
    }

    private static String[] stat(long pid) throws IOException {
        return fields(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** A process's or thread's stat line from its third field (state) on: the name before it may hold spaces. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
