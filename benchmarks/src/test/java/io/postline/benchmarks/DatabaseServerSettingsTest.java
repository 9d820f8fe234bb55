package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseServerSettingsTest {

    @Test
    void readsWhatTheServerSays() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/test", "postgres", "")) {
            DatabaseServerSettings read = DatabaseServerSettings.read(db);

            assertThat(read.settings().keySet()).containsExactly(DatabaseServerSettings.NAMES);
            try (ResultSet rs = db.createStatement().executeQuery("show autovacuum")) {
                rs.next();
                assertThat(read.settings().get("autovacuum").value()).isEqualTo(rs.getString(1));
                assertThat(read.autovacuumOff()).isEqualTo(rs.getString(1).equals("off"));
            }
            assertThat(read.version()).matches("\\d+.*");
        }
    }

    @Test
    void namesTheOtherDatabasesFromTheGivenSizeButNotItsOwn() throws Exception {
        String probe = "postline_other_database_probe";
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
             Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + probe + " with (force)");
            st.execute("create database " + probe);
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/test", "postgres", "")) {
                List<DatabaseServerSettings.OtherDatabase> all = DatabaseServerSettings.read(db, 0).others();
                assertThat(all).extracting(DatabaseServerSettings.OtherDatabase::name)
                        .contains(probe, "postgres").doesNotContain("test", "template0", "template1");
                assertThat(all).filteredOn(o -> o.name().equals(probe)).singleElement()
                        .satisfies(o -> assertThat(o.bytes()).isPositive());
                assertThat(all).isSortedAccordingTo((a, b) -> Long.compare(b.bytes(), a.bytes()));

                assertThat(DatabaseServerSettings.read(db, Long.MAX_VALUE).others()).isEmpty();
            } finally {
                st.execute("drop database if exists " + probe + " with (force)");
            }
        }
    }

    @Test
    void autovacuumOffIsPointedOut() {
        assertThat(print("off")).contains("autovacuum=off shared_buffers=128MB")
                .contains("NOTE: autovacuum is off on this server (/etc/postgresql/15/main/conf.d/90-ci.conf)");
        assertThat(print("on")).contains("autovacuum=on").doesNotContain("NOTE");
    }

    @Test
    void otherLargeDatabasesArePointedOutWhenAutovacuumWouldWorkOnThem() {
        List<DatabaseServerSettings.OtherDatabase> leftovers = List.of(
                new DatabaseServerSettings.OtherDatabase("postline_benchmark", 17_179_869_184L),
                new DatabaseServerSettings.OtherDatabase("postline_rest_load", 6_851_395_584L));

        assertThat(print("on", leftovers)).contains("NOTE: autovacuum is on and this server holds other large databases: "
                + "postline_benchmark (16.0 GB), postline_rest_load (6.4 GB). Vacuuming them competes with the run");
        assertThat(print("off", leftovers)).contains("NOTE: autovacuum is off").doesNotContain("other large databases");
    }

    private static String print(String autovacuum) {
        return print(autovacuum, List.of());
    }

    private static String print(String autovacuum, List<DatabaseServerSettings.OtherDatabase> others) {
        Map<String, DatabaseServerSettings.Setting> settings = new LinkedHashMap<>();
        settings.put("autovacuum", new DatabaseServerSettings.Setting(autovacuum, "/etc/postgresql/15/main/conf.d/90-ci.conf"));
        settings.put("shared_buffers", new DatabaseServerSettings.Setting("128MB", "configuration file"));
        var bytes = new ByteArrayOutputStream();
        new DatabaseServerSettings("15.19", settings, others).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
