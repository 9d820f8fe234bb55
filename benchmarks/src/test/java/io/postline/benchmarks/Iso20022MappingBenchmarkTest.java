package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's short form: it runs and reports every figure. Timings are measured by the program, not asserted. */
class Iso20022MappingBenchmarkTest {
    @Test
    void reportsEveryMessageTypeWithItsPercentiles() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<Iso20022MappingBenchmark.Result> results = Iso20022MappingBenchmark.run(2_000, 500,
                new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(results).extracting(Iso20022MappingBenchmark.Result::message)
                .containsExactly("cain.001.001.04", "camt.054.001.08");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.count()).isEqualTo(2_000);
            assertThat(r.p99Micros()).isGreaterThanOrEqualTo(r.p50Micros());
            assertThat(r.perSecond()).isPositive();
        });
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("p99=").contains("cain.001.001.04");
    }
}
