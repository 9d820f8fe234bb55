package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark's short form: it runs, exercises every outcome and reports. Timings are not asserted. */
class RuleEvaluationBenchmarkTest {
    @Test
    void runsTheDefaultRuleSetOverAMixWithPostsAndHolds() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        RuleEvaluationBenchmark.Result r = RuleEvaluationBenchmark.run(3_000, 500,
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertThat(r.count()).isEqualTo(3_000);
        assertThat(r.posted()).isPositive();
        assertThat(r.held()).isPositive();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("p99=");
    }
}
