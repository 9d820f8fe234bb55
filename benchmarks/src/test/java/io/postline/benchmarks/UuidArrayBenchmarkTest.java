package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark's short form against the local server: both forms store every id, and it reports. Timings are not asserted. */
class UuidArrayBenchmarkTest {
    @Test
    void bothFormsStoreEveryIdAndTheReportSaysWhatEachCost() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        UuidArrayBenchmark.Result r = UuidArrayBenchmark.run(UuidArrayBenchmark.URL, 3, 50,
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertThat(r.rowsStoredPerRound()).isEqualTo(150);
        assertThat(r.binaryInsert().clientMicros()).isPositive();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("text[] cast, insert", "binary uuid[], insert");
    }
}
