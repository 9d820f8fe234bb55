package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseLoadTest {

    private static DatabaseLoad.Backend backend(String service, double cpu) {
        return new DatabaseLoad.Backend(service, cpu);
    }

    @Test
    void aBackendPresentInBothSnapshotsCountsItsDifference() {
        var before = new DatabaseLoad.Snapshot(null, Map.of(101, backend("posting", 2.0), 102, backend("posting", 1.0)));
        var after = new DatabaseLoad.Snapshot(null, Map.of(101, backend("posting", 5.5), 102, backend("posting", 1.5)));

        assertThat(DatabaseLoad.cpuByService(before, after).get("posting")).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void aBackendOpenedDuringThePhaseCountsWhole() {
        var before = new DatabaseLoad.Snapshot(null, Map.of(101, backend("dedup", 2.0)));
        var after = new DatabaseLoad.Snapshot(null, Map.of(101, backend("dedup", 3.0), 202, backend("dedup", 0.75)));

        assertThat(DatabaseLoad.cpuByService(before, after).get("dedup")).isCloseTo(1.75, within(1e-9));
    }

    @Test
    void aPidReusedByAnotherBackendCountsWhole() {
        // 101 was rules' connection, then closed; the pid now belongs to a new connection of enrichment.
        // 102 was reused by a new connection of the same service: its CPU is below what the old one had.
        var before = new DatabaseLoad.Snapshot(null, Map.of(101, backend("rules", 9.0), 102, backend("posting", 8.0)));
        var after = new DatabaseLoad.Snapshot(null, Map.of(101, backend("enrichment", 0.5), 102, backend("posting", 0.25)));

        Map<String, Double> cpu = DatabaseLoad.cpuByService(before, after);

        assertThat(cpu).containsOnlyKeys("enrichment", "posting");
        assertThat(cpu.get("enrichment")).isCloseTo(0.5, within(1e-9));
        assertThat(cpu.get("posting")).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void theReportGivesWalAndCpuPerAuthorization() {
        var before = new DatabaseLoad.Snapshot(new DatabaseLoad.Wal(1_000, 10, 2_000_000),
                Map.of(101, backend("posting", 1.0)));
        var after = new DatabaseLoad.Snapshot(new DatabaseLoad.Wal(91_000, 410, 24_000_000),
                Map.of(101, backend("posting", 3.0), 102, backend("dedup", 1.0)));

        String report = print(before, after, 1_000);

        assertThat(report).contains("PostgreSQL in a phase, per posted authorization:")
                .contains("WAL: 90.0 records, 22.0 kB, 0.400 full-page images")
                .contains("CPU of the services' connections: 3.0 s in all")
                .containsPattern("posting +2\\.0 s +2000 µs +66\\.7 %")
                .containsPattern("dedup +1\\.0 s +1000 µs +33\\.3 %");
        assertThat(report.indexOf("posting")).isLessThan(report.indexOf("dedup"));
    }

    @Test
    void withoutWalCountersTheReportSaysSo() {
        var empty = new DatabaseLoad.Snapshot(null, Map.of());

        assertThat(print(empty, empty, 10)).contains("WAL: not available");
    }

    private static String print(DatabaseLoad.Snapshot before, DatabaseLoad.Snapshot after, long authorizations) {
        var bytes = new ByteArrayOutputStream();
        DatabaseLoad.print("in a phase", before, after, authorizations, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
