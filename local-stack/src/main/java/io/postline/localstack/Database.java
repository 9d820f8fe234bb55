package io.postline.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Makes sure the pipeline's database exists (each service creates its own schema in it). */
final class Database {
    private Database() {
    }

    static void prepare(StackSettings s) {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl("postgres"), s.dbUser(), s.dbPassword());
             var st = c.createStatement()) {
            if (s.fresh()) {
                st.execute("drop database if exists " + s.dbName() + " with (force)");
            }
            try (var rs = st.executeQuery("select 1 from pg_database where datname = '" + s.dbName() + "'")) {
                if (!rs.next()) {
                    st.execute("create database " + s.dbName());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + s.jdbcUrl("postgres") + " is not reachable as "
                    + s.dbUser() + ": " + e.getMessage() + " (start it, e.g. pg_ctlcluster 15 main start)", e);
        }
    }
}
