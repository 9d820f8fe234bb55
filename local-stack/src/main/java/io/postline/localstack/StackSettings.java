package io.postline.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where and how the local stack runs.
 *
 * @param root       the repository root (service jars are under {@code <module>/target})
 * @param dataDir    broker data and process logs
 * @param portOffset added to every default port, so a test stack can run beside a developer's
 * @param fresh      wipe the broker data and re-create the database first
 * @param serviceArguments extra {@code --name=value} arguments for every service (tests shorten timeouts)
 * @param servicesInOneJvm run the seven services in one JVM (the service host) instead of one JVM each: on a
 *                         small machine their JIT compilers and JVM threads then stop competing with the work
 *                         (docs/benchmarks.md); a service can no longer be crashed or frozen on its own
 */
public record StackSettings(Path root, Path dataDir, int kafkaPort, int controllerPort, int portOffset, String dbHost,
                            int dbPort, String dbUser, String dbPassword, String dbName, boolean fresh,
                            java.util.List<String> serviceArguments, boolean servicesInOneJvm) {

    public StackSettings {
        serviceArguments = java.util.List.copyOf(serviceArguments);
    }

    public StackSettings(Path root, Path dataDir, int kafkaPort, int controllerPort, int portOffset, String dbHost,
                         int dbPort, String dbUser, String dbPassword, String dbName, boolean fresh,
                         java.util.List<String> serviceArguments) {
        this(root, dataDir, kafkaPort, controllerPort, portOffset, dbHost, dbPort, dbUser, dbPassword, dbName, fresh,
                serviceArguments, false);
    }

    public StackSettings(Path root, Path dataDir, int kafkaPort, int controllerPort, int portOffset, String dbHost,
                         int dbPort, String dbUser, String dbPassword, String dbName, boolean fresh) {
        this(root, dataDir, kafkaPort, controllerPort, portOffset, dbHost, dbPort, dbUser, dbPassword, dbName, fresh,
                java.util.List.of(), false);
    }

    /** Defaults, with the database and {@code POSTLINE_SERVICES_IN_ONE_JVM=true} read from the environment. */
    public static StackSettings defaults(Path root) {
        return new StackSettings(root, root.resolve(".local"), 9092, 9093, 0, env("POSTLINE_DB_HOST", "localhost"),
                Integer.parseInt(env("POSTLINE_DB_PORT", "5432")), env("POSTLINE_DB_USER", "postgres"),
                env("POSTLINE_DB_PASSWORD", ""), env("POSTLINE_DB_NAME", "postline"), false, java.util.List.of(),
                Boolean.parseBoolean(env("POSTLINE_SERVICES_IN_ONE_JVM", "false")));
    }

    public StackSettings withServicesInOneJvm(boolean oneJvm) {
        return new StackSettings(root, dataDir, kafkaPort, controllerPort, portOffset, dbHost, dbPort, dbUser,
                dbPassword, dbName, fresh, serviceArguments, oneJvm);
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
    }

    /** A connection to the pipeline's database, as the stack's user (for checks and reports). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(dbName), dbUser, dbPassword);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
