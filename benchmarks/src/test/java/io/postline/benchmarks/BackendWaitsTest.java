package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.benchmarks.BackendWaits.Activity;
import io.postline.localstack.StackSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BackendWaitsTest {
    private static final StackSettings SERVER = StackSettings.defaults(Path.of("."));
    private static final String DATABASE = "postline_backend_waits";

    @Test
    void eachBackendStateFallsInTheActivityTheReportNames() {
        assertThat(BackendWaits.classify("idle", "Client", "ClientRead")).isNull();
        assertThat(BackendWaits.classify("idle in transaction", "Client", "ClientRead")).isEqualTo(Activity.SERVICE);
        assertThat(BackendWaits.classify("idle in transaction (aborted)", null, null)).isEqualTo(Activity.SERVICE);
        assertThat(BackendWaits.classify("active", null, null)).isEqualTo(Activity.CPU);
        assertThat(BackendWaits.classify("active", "IO", "WALSync")).isEqualTo(Activity.WAL);
        assertThat(BackendWaits.classify("active", "IO", "WALWrite")).isEqualTo(Activity.WAL);
        assertThat(BackendWaits.classify("active", "LWLock", "WALWrite")).isEqualTo(Activity.WAL);
        assertThat(BackendWaits.classify("active", "LWLock", "WALInsert")).isEqualTo(Activity.OTHER);
        assertThat(BackendWaits.classify("active", "IO", "DataFileExtend")).isEqualTo(Activity.TABLE_FILES);
        assertThat(BackendWaits.classify("active", "Lock", "transactionid")).isEqualTo(Activity.LOCK);
        assertThat(BackendWaits.classify("active", "Client", "ClientRead")).isEqualTo(Activity.SERVICE);
        assertThat(BackendWaits.classify("active", "Timeout", "PgSleep")).isEqualTo(Activity.OTHER);
    }

    @Test
    void aSpanAveragesTheSamplesTakenInItsSeconds() {
        var waits = new BackendWaits(() -> {
            throw new SQLException("not sampling");
        }, Clock.systemUTC());
        waits.record(100, List.of(backend("posting", Activity.CPU), backend("posting", Activity.WAL),
                backend("dedup", Activity.WAL)));
        waits.record(100, List.of(backend("dedup", Activity.SERVICE)));
        waits.record(101, List.of(backend("enrichment", null)));
        waits.record(102, List.of(backend("dedup", Activity.LOCK), backend("dedup", Activity.LOCK),
                backend("dedup", Activity.LOCK), backend("posting", Activity.LOCK)));

        BackendWaits.Mix first = waits.between(100, 101);
        assertThat(first.samples()).isEqualTo(3);
        assertThat(first.of(Activity.WAL)).isCloseTo(2 / 3.0, Offset.offset(1e-9));
        assertThat(first.of(Activity.LOCK)).isZero();
        assertThat(waits.overall().describe()).isEqualTo("on the CPU 0.25, waiting for the WAL to reach the disk "
                + "0.50, in a transaction, waiting for their service 0.25, reading or writing table files 0.00, "
                + "waiting for a lock 1.00, other waits 0.00 (4 samples)");
        assertThat(waits.between(200, 300).describe()).isEqualTo("no samples");
        // Each service's backends over all four samples, the busiest first.
        assertThat(waits.byService().keySet()).containsExactly("dedup", "posting", "enrichment");
        assertThat(waits.byService().get("enrichment").brief()).startsWith("0.00: CPU 0.00");
        assertThat(waits.byService().get("posting").brief()).isEqualTo("0.75: CPU 0.25, WAL 0.25, in a transaction "
                + "0.00, table files 0.00, lock 0.25, other 0.00");
        assertThat(waits.byService().get("dedup").of(Activity.LOCK)).isEqualTo(0.75);
    }

    @Test
    void theOtherWaitsAreNamedTheCommonestFirst() {
        var waits = new BackendWaits(() -> {
            throw new SQLException("not sampling");
        }, Clock.systemUTC());
        assertThat(waits.commonestOtherWaits(2)).isEmpty();
        waits.record(100, List.of(new BackendWaits.Backend("posting", Activity.OTHER, "LWLock:WALInsert"),
                new BackendWaits.Backend("dedup", Activity.OTHER, "LWLock:WALInsert"),
                new BackendWaits.Backend("rules", Activity.OTHER, "IPC:ExecuteGather")));
        waits.record(101, List.of(new BackendWaits.Backend("posting", Activity.OTHER, "LWLock:WALBufMapping"),
                new BackendWaits.Backend("posting", Activity.OTHER, "LWLock:WALBufMapping"),
                new BackendWaits.Backend("posting", Activity.OTHER, "LWLock:WALBufMapping"),
                backend("dedup", Activity.CPU)));

        assertThat(waits.commonestOtherWaits(2)).isEqualTo("LWLock:WALBufMapping 1.50, LWLock:WALInsert 1.00");
        assertThat(waits.overall().of(Activity.OTHER)).isEqualTo(3.0);
    }

    private static BackendWaits.Backend backend(String service, Activity activity) {
        return new BackendWaits.Backend(service, activity, null);
    }

    /**
     * On the real server: one backend holds a row lock inside a transaction and waits for its client, another
     * waits for that lock. Every sample sees exactly those two; the sampler's own backend and an idle one are not
     * counted.
     */
    @Test
    void itSamplesTheDatabasesBackendsOnTheRealServer() throws Exception {
        try (Connection admin = open("postgres"); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + DATABASE + " with (force)");
            st.execute("create database " + DATABASE);
        }
        try (Connection holder = open(DATABASE, "holder"); Connection waiter = open(DATABASE, "waiter");
             Connection idle = open(DATABASE, "idle");
             Statement hold = holder.createStatement()) {
            hold.execute("create table item (id int primary key)");
            hold.execute("insert into item values (1)");
            holder.setAutoCommit(false);
            hold.executeQuery("select id from item where id = 1 for update").close();
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement wait = waiter.createStatement()) {
                    wait.executeQuery("select id from item where id = 1 for update").close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitLockWait(idle);

            BackendWaits waits = BackendWaits.start(() -> open(DATABASE));
            awaitSamples(waits, 5);
            waits.close();
            holder.rollback();
            blocked.get(10, TimeUnit.SECONDS);

            BackendWaits.Mix mix = waits.overall();
            assertThat(waits.failure()).isNull();
            assertThat(waits.samplerCpuSeconds()).as("read from /proc: the server is on this host").isNotNull()
                    .isGreaterThanOrEqualTo(0.0);
            assertThat(mix.samples()).isGreaterThanOrEqualTo(5L);
            assertThat(mix.of(Activity.SERVICE)).isEqualTo(1.0);
            assertThat(mix.of(Activity.LOCK)).isEqualTo(1.0);
            assertThat(mix.of(Activity.CPU) + mix.of(Activity.WAL) + mix.of(Activity.TABLE_FILES)
                    + mix.of(Activity.OTHER)).isZero();
            assertThat(waits.commonestOtherWaits(4)).isEmpty();
            assertThat(waits.byService()).containsOnlyKeys("holder", "waiter", "idle");
            assertThat(waits.byService().get("idle").brief()).startsWith("0.00:");
            assertThat(waits.byService().get("holder").of(Activity.SERVICE)).isEqualTo(1.0);
            assertThat(waits.byService().get("waiter").of(Activity.LOCK)).isEqualTo(1.0);
        } finally {
            try (Connection admin = open("postgres"); Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + DATABASE + " with (force)");
            }
        }
    }

    private static void awaitSamples(BackendWaits waits, long samples) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waits.overall().samples() < samples) {
            assertThat(waits.failure()).as("sampling failed").isNull();
            assertThat(System.nanoTime()).as("%d samples within 10 s", samples).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitLockWait(Connection db) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select count(*) from "
                    + "pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the second backend never waited for the lock");
    }

    private static Connection open(String database) throws SQLException {
        return DriverManager.getConnection(SERVER.jdbcUrl(database), SERVER.dbUser(), SERVER.dbPassword());
    }

    private static Connection open(String database, String applicationName) throws SQLException {
        Connection db = open(database);
        db.setClientInfo("ApplicationName", applicationName);
        return db;
    }
}
