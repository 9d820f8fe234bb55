package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JitSettlingTest {

    @Test
    void countsTheServicesCompilersOverTheStretchAndNotTheBrokers() {
        var used = new ProcessCpu.Used(Map.of(), Map.of(ProcessCpu.BROKER, 30.0, "dedup-service", 1.0,
                "posting-service", 2.0), Map.of(), null, 20.0);

        assertThat(JitSettling.servicesCompilerCores(used)).isCloseTo(0.15, within(1e-9));
        assertThat(JitSettling.quiet(JitSettling.servicesCompilerCores(used))).isFalse();
    }

    @Test
    void aLittleCompilingIsQuiet() {
        var used = new ProcessCpu.Used(Map.of(), Map.of("services (one JVM)", 0.4), Map.of(), null, 10.0);

        assertThat(JitSettling.quiet(JitSettling.servicesCompilerCores(used))).isTrue();
    }
}
