package io.postline.stage.test;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Testcontainers fallback, used only when no local PostgreSQL answers and a Docker engine does. */
final class ContainerPostgres {
    private ContainerPostgres() {
    }

    static Optional<TestDatabases.Server> start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.empty();
        }
        PostgreSQLContainer pg = new PostgreSQLContainer("postgres:15-alpine");
        pg.start();
        return Optional.of(new TestDatabases.Server(pg.getHost(), pg.getMappedPort(5432), pg.getUsername(),
                pg.getPassword()));
    }
}
