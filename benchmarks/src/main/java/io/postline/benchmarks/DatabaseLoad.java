package io.postline.benchmarks;

import io.postline.localstack.StackSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL did in a phase: the WAL it wrote ({@code pg_stat_wal}) and the CPU of each service's
 * connections (their backends' CPU time from /proc, by the application name the services connect with). The
 * database's own background processes (WAL writer, checkpointer) are in the per-process figures, not here.
 */
final class DatabaseLoad {
    /** WAL counters (absent below PostgreSQL 14) and, per backend pid, its service and CPU seconds so far. */
    record Snapshot(Wal wal, Map<Integer, Backend> backends) {
    }

    record Wal(long records, long fullPageImages, long bytes) {
    }

    record Backend(String service, double cpuSeconds) {
    }

    private final StackSettings settings;

    DatabaseLoad(StackSettings settings) {
        this.settings = settings;
    }

    Snapshot snapshot() throws SQLException {
        try (Connection db = settings.connect();
             Statement st = db.createStatement()) {
            Wal wal = null;
            try (ResultSet rs = st.executeQuery("select wal_records, wal_fpi, wal_bytes from pg_stat_wal")) {
                if (rs.next()) {
                    wal = new Wal(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            } catch (SQLException olderThan14) {
                // no pg_stat_wal: the report says so
            }
            Map<Integer, Backend> backends = new HashMap<>();
            try (ResultSet rs = st.executeQuery("select pid, application_name from pg_stat_activity where datname = "
                    + "current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    Double cpu = cpuSeconds(rs.getInt(1));
                    if (cpu != null) {
                        String name = rs.getString(2);
                        backends.put(rs.getInt(1), new Backend(name == null || name.isBlank() ? "(unnamed)" : name, cpu));
                    }
                }
            }
            return new Snapshot(wal, backends);
        }
    }

    /**
     * Prints WAL and each service's database CPU per posted authorization. A connection opened during the phase
     * counts whole; one closed during it is missing (the services' pools keep theirs open).
     */
    static void print(String phase, Snapshot before, Snapshot after, long authorizations, PrintStream out) {
        out.println("PostgreSQL " + phase + ", per posted authorization:");
        if (before.wal() == null || after.wal() == null) {
            out.println("  WAL: not available (pg_stat_wal needs PostgreSQL 14 or later)");
        } else {
            out.printf("  WAL: %.1f records, %.1f kB, %.3f full-page images%n",
                    (after.wal().records() - before.wal().records()) / (double) authorizations,
                    (after.wal().bytes() - before.wal().bytes()) / 1000.0 / authorizations,
                    (after.wal().fullPageImages() - before.wal().fullPageImages()) / (double) authorizations);
        }
        Map<String, Double> byService = cpuByService(before, after);
        double total = byService.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf("  CPU of the services' connections: %.1f s in all%n", total);
        byService.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.printf("    %-22s %8.1f s %8.0f µs %5.1f %%%n", e.getKey(), e.getValue(),
                        e.getValue() * 1e6 / authorizations, total == 0 ? 0 : 100 * e.getValue() / total));
    }

    /**
     * CPU seconds each service's backends used between the snapshots. A pid seen only after, or reused by
     * another backend (its service differs, or its CPU went down), is a connection opened during the phase: it
     * counts whole.
     */
    static Map<String, Double> cpuByService(Snapshot before, Snapshot after) {
        Map<String, Double> byService = new TreeMap<>();
        after.backends().forEach((pid, now) -> {
            Backend then = before.backends().get(pid);
            boolean sameBackend = then != null && then.service().equals(now.service())
                    && then.cpuSeconds() <= now.cpuSeconds();
            byService.merge(now.service(), sameBackend ? now.cpuSeconds() - then.cpuSeconds() : now.cpuSeconds(),
                    Double::sum);
        });
        return byService;
    }

    /** A backend's CPU seconds from /proc, or null for a database on another host or a backend gone. */
    static Double cpuSeconds(int pid) {
        try {
            return ProcessCpu.cpuSeconds(pid);
        } catch (IOException | RuntimeException elsewhere) {
            return null; // not on this host (a remote database) or gone
        }
    }
}
