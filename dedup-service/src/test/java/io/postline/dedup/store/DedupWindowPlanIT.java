package io.postline.dedup.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.stage.test.StageIntegrationTest;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The window's lookup reaches each table through its key in the plan PostgreSQL caches for the prepared
 * statement, once the tables have statistics (as autovacuum gives them in production): not through the purge's
 * block-range index on first_seen, which made every batch check whole pages against its whole array.
 */
// Same configuration as DedupStageIT, so the two share one application context.
@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class DedupWindowPlanIT {
    private static final int ROWS = 20_000;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void removeRows() {
        jdbc.update("delete from fingerprint where authorization_id like 'PLAN-%'");
        jdbc.update("delete from authorization_seen where authorization_id like 'PLAN-%'");
    }

    @Test
    void theCachedPlanLooksEachTableUpByItsKeyNotByTheTimeOfFirstSighting() {
        jdbc.update("insert into authorization_seen (authorization_id, event_id, content_hash, payload) "
                + "select 'PLAN-' || g, gen_random_uuid(), md5(g::text), convert_to(repeat('x', 900), 'UTF8') "
                + "from generate_series(1, ?) g", ROWS);
        jdbc.update("insert into fingerprint (fingerprint, authorization_id, event_id) "
                + "select 'plan-' || md5(g::text), 'PLAN-' || g, gen_random_uuid() from generate_series(1, ?) g", ROWS);
        jdbc.execute("analyze authorization_seen");
        jdbc.execute("analyze fingerprint");

        List<String> plan = genericPlan(DedupWindow.FIND, "text[], float8, text[], float8",
                "'{PLAN-1,PLAN-2}', 86400, '{plan-x,plan-y}', 86400");

        assertThat(plan).as(String.join("\n", plan))
                .anyMatch(line -> line.contains("authorization_seen_pkey"))
                .anyMatch(line -> line.contains("fingerprint_pkey"))
                .noneMatch(line -> line.contains("first_seen") && line.contains("Index"))
                .noneMatch(line -> line.contains("BitmapAnd"));
    }

    /** The generic plan the plan cache would keep for {@code sql}, its {@code ?} numbered as parameters. */
    private List<String> genericPlan(String sql, String types, String arguments) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        // One connection for all of it: the prepared statement and the setting live in its session.
        return jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            try (Statement st = connection.createStatement()) {
                st.execute("prepare window_find(" + types + ") as " + numbered);
                try {
                    st.execute("set plan_cache_mode = force_generic_plan");
                    List<String> lines = new ArrayList<>();
                    try (var rs = st.executeQuery("explain execute window_find(" + arguments + ")")) {
                        while (rs.next()) {
                            lines.add(rs.getString(1));
                        }
                    }
                    return lines;
                } finally {
                    st.execute("reset plan_cache_mode");
                    st.execute("deallocate window_find");
                }
            }
        });
    }
}
