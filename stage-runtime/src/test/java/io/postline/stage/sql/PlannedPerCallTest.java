package io.postline.stage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.stage.test.TestDatabases;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Against the real server, on one connection as a pool's connection lives: a look-up by a batch's keys run while
 * its table is small, then once the table is large and has never been analyzed (autovacuum off). Run as a plain
 * prepared statement it then reads the whole table; planned per call it reads the index.
 */
class PlannedPerCallTest {
    private static final String LOOKUP = "select id from item where id = any(?) order by id for update";
    /** The same look-up in other words: the driver would run a text it had prepared on the server as prepared. */
    private static final String LOOKUP_PLANNED_PER_CALL = "select i.id from item i where i.id = any(?) "
            + "order by i.id for update";
    private static final int SMALL = 20;
    private static final int LARGE = 50_000;
    /**
     * Keys a batch looks up. Few enough that reading the index is cheaper than reading the table even with each row
     * checked against a hash of the keys, as PostgreSQL checks a plan's own values (a cached plan's parameter it
     * checks key by key); with 500 keys the plan for the values reads these 50,000 rows whole, quickly.
     */
    private static final int BATCH = 50;

    private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
            TestDatabases.freshDatabase("postline_planned_per_call"), TestDatabases.server().user(),
            TestDatabases.server().password(), true);
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void aLookUpPlannedPerCallKeepsToTheIndexAfterItsTableGrewWhereACachedPlanReadsItWhole() throws Exception {
        jdbc.execute("drop table if exists item");
        // Shaped like reconciliation's items: a text key and mostly empty columns, many rows to a page.
        jdbc.execute("create table item (id text primary key, status text not null, amount bigint, "
                + "currency char(3), received_at timestamptz, reason text, journals text not null default '[]')");
        insertItems(1, SMALL);
        List<String> batch = IntStream.rangeClosed(1, BATCH).mapToObj(PlannedPerCallTest::key).toList();

        // The early batches, while the table is small: enough runs for the driver and the server to cache a plan.
        for (int run = 0; run < 12; run++) {
            assertThat(plain(batch)).hasSize(SMALL);
            assertThat(plannedPerCall(batch)).hasSize(SMALL);
        }
        insertItems(SMALL + 1, LARGE);

        // The control: the cached plan, costed on the small table, reads the whole table now.
        assertThat(sequentialScansOf(() -> plain(batch))).as("a plain prepared statement's sequential scans")
                .isEqualTo(1);
        assertThat(sequentialScansOf(() -> plannedPerCall(batch))).as("sequential scans planned per call")
                .isZero();
        assertThat(plannedPerCall(batch)).isEqualTo(plain(batch)).hasSize(BATCH).first().isEqualTo(key(1));
    }

    private List<String> plain(List<String> keys) {
        return jdbc.queryForList(LOOKUP, String.class, SqlArrays.text(keys));
    }

    private List<String> plannedPerCall(List<String> keys) {
        List<String> ids = new ArrayList<>();
        jdbc.query(PlannedPerCall.of(LOOKUP_PLANNED_PER_CALL, SqlArrays.text(keys)), rs -> {
            ids.add(rs.getString(1));
        });
        return ids;
    }

    /** The table's sequential scans in one transaction running {@code lookUp}, counted by the server. */
    private long sequentialScansOf(Supplier<List<String>> lookUp) throws Exception {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try {
            // Counted before and after within the transaction: the view also holds the connection's counts not yet
            // reported to the server's statistics, which are reported only between transactions.
            long before = sequentialScans();
            lookUp.get();
            return sequentialScans() - before;
        } finally {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private long sequentialScans() {
        return jdbc.queryForObject("select seq_scan from pg_stat_xact_user_tables where relname = 'item'", Long.class);
    }

    private void insertItems(int from, int to) {
        jdbc.update("insert into item (id, status) select 'K-' || lpad(g::text, 8, '0'), 'OPEN' "
                + "from generate_series(?, ?) g", from, to);
    }

    private static String key(int n) {
        return String.format("K-%08d", n);
    }
}
