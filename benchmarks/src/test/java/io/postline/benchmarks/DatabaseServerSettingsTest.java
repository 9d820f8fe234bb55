package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
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
    void autovacuumOffIsPointedOut() {
        assertThat(print("off")).contains("autovacuum=off shared_buffers=128MB")
                .contains("NOTE: autovacuum is off on this server (/etc/postgresql/15/main/conf.d/90-ci.conf)");
        assertThat(print("on")).contains("autovacuum=on").doesNotContain("NOTE");
    }

    private static String print(String autovacuum) {
        Map<String, DatabaseServerSettings.Setting> settings = new LinkedHashMap<>();
        settings.put("autovacuum", new DatabaseServerSettings.Setting(autovacuum, "/etc/postgresql/15/main/conf.d/90-ci.conf"));
        settings.put("shared_buffers", new DatabaseServerSettings.Setting("128MB", "configuration file"));
        var bytes = new ByteArrayOutputStream();
        new DatabaseServerSettings("15.19", settings).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
