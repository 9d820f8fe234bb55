package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcessCpuTest {

    @Test
    void anEndedChildsCpuCountsForItsParent() throws Exception {
        long self = ProcessHandle.current().pid();
        double before = ProcessCpu.cpuSecondsWithEndedChildren(self) - ProcessCpu.cpuSeconds(self);

        // A child that burns about half a second of CPU, then ends and is reaped by this JVM.
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done").start();
        assertThat(child.waitFor()).isZero();

        double after = ProcessCpu.cpuSecondsWithEndedChildren(self) - ProcessCpu.cpuSeconds(self);
        assertThat(after - before).isGreaterThan(0.1);
    }

    @Test
    void findsThisJvmsCompilerAndCollectorThreads() throws Exception {
        long self = ProcessHandle.current().pid();
        Map<Long, Double> compilers = ProcessCpu.threads(self, ProcessCpu::isCompiler);
        Map<Long, Double> collectors = ProcessCpu.threads(self, ProcessCpu::isCollector);

        assertThat(compilers).isNotEmpty(); // the test runs with the JIT on (C1 and C2 threads)
        assertThat(collectors).isNotEmpty(); // every HotSpot JVM has its VM Thread
        assertThat(compilers.keySet()).doesNotContainAnyElementsOf(collectors.keySet());
        assertThat(compilers.values()).allSatisfy(seconds -> assertThat(seconds).isNotNegative());
    }

    @Test
    void namesOfTheCollectorsThreads() {
        assertThat(ProcessCpu.isCollector("VM Thread")).isTrue();
        assertThat(ProcessCpu.isCollector("GC Thread#1")).isTrue();
        assertThat(ProcessCpu.isCollector("G1 Conc#0")).isTrue();
        assertThat(ProcessCpu.isCollector("VM Periodic Tas")).isFalse();
        assertThat(ProcessCpu.isCollector("C2 CompilerThre")).isFalse();
        assertThat(ProcessCpu.isCompiler("C1 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompiler("kafka-producer-")).isFalse();
    }

    @Test
    void threadTimeIsCountedPerThreadAcrossSnapshots() {
        Map<String, Map<Long, Double>> before = Map.of("services", Map.of(11L, 4.0, 12L, 1.0));
        // Thread 12 ended, 13 started: what 11 used since, plus all of 13.
        Map<String, Map<Long, Double>> after = Map.of("services", Map.of(11L, 6.5, 13L, 0.5));

        assertThat(ProcessCpu.threadSeconds(before, after)).containsEntry("services", 3.0);
    }
}
