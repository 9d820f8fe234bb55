package io.postline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.stage.test.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Upgrading a database that still keeps held authorizations in their own table (ingest V2) loses none: V3
 * turns them into outbox rows held under their source, with the same id, headers and payload.
 */
class HeldRowsMigrationIT {

    @Test
    void authorizationsHeldBeforeTheUpgradeAreHeldOutboxRowsAfterIt() {
        TestDatabases.Server server = TestDatabases.server();
        DataSource db = new DriverManagerDataSource(TestDatabases.freshDatabase("held_upgrade"), server.user(),
                server.password());
        JdbcTemplate jdbc = new JdbcTemplate(db);
        migrate(db, "db/stage-runtime", "stage_runtime_history", "5");
        migrate(db, "db/migration", "flyway_schema_history", "2");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (UUID id : new UUID[]{first, second}) {
            jdbc.update("insert into held_authorization (event_id, source_id, topic, message_key, headers, payload) "
                            + "values (?, 'acquirer-batch', 'payments.authorization.received', ?, ?::jsonb, ?)", id,
                    "OLD-" + id, "{\"ce_id\":\"" + id + "\"}", ("{\"authorizationId\":\"OLD-" + id + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        }

        // The runtime's migrations first, then the service's: the order the runtime's auto-configuration sets.
        migrate(db, "db/stage-runtime", "stage_runtime_history", null);
        migrate(db, "db/migration", "flyway_schema_history", null);

        assertThat(jdbc.queryForObject("select to_regclass('held_authorization') is null", Boolean.class)).isTrue();
        var held = jdbc.queryForList("select o.event_id, h.hold_key, o.headers, convert_from(o.payload, 'UTF8') p "
                + "from outbox_held h join outbox o using (seq) order by h.seq");
        assertThat(held).extracting(r -> r.get("event_id")).containsExactly(first, second);
        assertThat(held).allSatisfy(r -> assertThat(r.get("hold_key")).isEqualTo("acquirer-batch"));
        Map<String, Object> one = held.getFirst();
        assertThat(one.get("headers")).isEqualTo("{\"ce_id\": \"" + first + "\"}");
        assertThat(one.get("p")).isEqualTo("{\"authorizationId\":\"OLD-" + first + "\"}");
        assertThat(jdbc.queryForObject("select count(*) from outbox_unpublished", Integer.class))
                .as("held, so not pending until released").isZero();
    }

    private static void migrate(DataSource db, String location, String historyTable, String target) {
        var config = Flyway.configure(HeldRowsMigrationIT.class.getClassLoader()).dataSource(db)
                .locations("classpath:" + location).table(historyTable).baselineOnMigrate(true).baselineVersion("0");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }
}
