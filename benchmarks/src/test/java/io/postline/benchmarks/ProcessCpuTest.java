package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

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
}
