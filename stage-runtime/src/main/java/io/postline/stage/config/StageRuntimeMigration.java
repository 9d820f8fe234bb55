package io.postline.stage.config;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates the runtime's own tables (inbox, outbox) in the service's schema, with a history table of their
 * own, so that the runtime's migrations and each service's migrations are versioned independently.
 */
public class StageRuntimeMigration implements InitializingBean {
    private final DataSource dataSource;
    private final String schema;

    public StageRuntimeMigration(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .table("stage_runtime_history")
                // Each baselines a schema the other already populated; the runtime's run first (a migration strategy
                // in StageRuntimeAutoConfiguration), so a service's migrations may use the runtime's tables.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db/stage-runtime")
                .load()
                .migrate();
    }
}
