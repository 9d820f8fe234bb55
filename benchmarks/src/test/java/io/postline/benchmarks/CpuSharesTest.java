package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSharesTest {

    @Test
    void namesEachProcesssCompilerTimeAndItsShareOfAnAuthorization() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("services (one JVM)", 12.0);
        seconds.put("kafka broker", 0.5);

        assertThat(CpuShares.compilers(seconds, 1_000_000)).isEqualTo(
                "of which JIT compiler threads: services (one JVM) 12.0 s (12 µs), kafka broker 0.5 s (1 µs)");
    }

    @Test
    void namesEachProcesssCollectorTime() {
        assertThat(CpuShares.collectors(Map.of("kafka broker", 2.0), 1_000_000)).isEqualTo(
                "of which garbage collection (VM and GC threads): kafka broker 2.0 s (2 µs)");
    }

    @Test
    void putsWhatTheProcessesUsedBesideTheWholeMachine() {
        // 100 s of wall time: 190 s busy, 160 s of it in the stack's processes.
        String line = CpuShares.machine(new MachineCpu(190, 1, 2), 160, 100);

        assertThat(line).contains("1.90 of ", " cores busy, 0.30 of them outside the processes above",
                "waiting on the disk 0.01", "stolen by the hypervisor 0.02");
    }
}
