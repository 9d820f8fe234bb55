package io.postline.dedup.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.stage.test.GenericPlan;
import io.postline.stage.test.StageIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
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

        String plan = GenericPlan.of(jdbc, DedupWindow.FIND, "text[], float8, text[], float8",
                "'{PLAN-1,PLAN-2}', 86400, '{plan-x,plan-y}', 86400");

        assertThat(plan.lines()).as(plan)
                .anyMatch(line -> line.contains("authorization_seen_pkey"))
                .anyMatch(line -> line.contains("fingerprint_pkey"))
                .noneMatch(line -> line.contains("first_seen") && line.contains("Index"))
                .noneMatch(line -> line.contains("BitmapAnd"));
    }
}
