package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class MachineCpuTest {

    @Test
    void readsTheAggregateLine() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        MachineCpu cpu = MachineCpu.parse("cpu  1000 20 300 5000 40 5 15 60 0 0");

        assertThat(cpu.busy()).isCloseTo(13.40, within(1e-9)); // user + nice + system + irq + softirq
        assertThat(cpu.ioWait()).isCloseTo(0.40, within(1e-9));
        assertThat(cpu.steal()).isCloseTo(0.60, within(1e-9));
    }

    @Test
    void refusesAPerCoreLine() {
        assertThatThrownBy(() -> MachineCpu.parse("cpu0 1 2 3 4 5 6 7 8"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregate");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void countsWorkDoneBetweenSnapshots() throws Exception {
        MachineCpu before = MachineCpu.snapshot();
        long end = System.nanoTime() + 300_000_000L;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        MachineCpu used = MachineCpu.snapshot().minus(before);

        assertThat(spins).isPositive();
        assertThat(used.busy()).isGreaterThan(0.1); // this thread alone was busy for 0.3 s
    }
}
