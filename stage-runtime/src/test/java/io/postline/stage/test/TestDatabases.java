package io.postline.stage.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real PostgreSQL for tests: the local server (localhost:5432 by default, or POSTLINE_TEST_PG_HOST /
 * _PORT / _USER), or a Testcontainers PostgreSQL where no local server answers and a Docker engine does.
 * Each test JVM gets fresh databases, dropped and created on first use.
 */
public final class TestDatabases {
    private static final Map<String, String> CREATED = new ConcurrentHashMap<>();
    private static volatile Server server;

    private TestDatabases() {
    }

    public record Server(String host, int port, String user, String password) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** JDBC URL of a freshly created database called {@code name}. */
    public static String freshDatabase(String name) {
        return CREATED.computeIfAbsent(name, n -> {
            Server s = server();
            try (Connection c = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
                 var st = c.createStatement()) {
                st.execute("drop database if exists " + n + " with (force)");
                st.execute("create database " + n);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + n + " on " + s, e);
            }
            return s.url(n) + "?reWriteBatchedInserts=true&binaryTransferEnable=UUID_ARRAY";
        });
    }

    public static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestDatabases.class) {
                if (server == null) {
                    server = locate();
                }
                s = server;
            }
        }
        return s;
    }

    private static Server locate() {
        Server local = new Server(env("POSTLINE_TEST_PG_HOST", "localhost"),
                Integer.parseInt(env("POSTLINE_TEST_PG_PORT", "5432")), env("POSTLINE_TEST_PG_USER", "postgres"),
                env("POSTLINE_TEST_PG_PASSWORD", ""));
        try (Connection ignored = DriverManager.getConnection(local.url("postgres"), local.user(), local.password())) {
            return local;
        } catch (SQLException noLocalServer) {
            return ContainerPostgres.start().orElseThrow(() -> new IllegalStateException(
                    "No PostgreSQL for tests: nothing answers at " + local.url("postgres")
                            + " and no Docker engine is available for Testcontainers. Start PostgreSQL "
                            + "(pg_ctlcluster 15 main start) or set POSTLINE_TEST_PG_HOST.", noLocalServer));
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
