package io.postline.dedup.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.dedup.config.DedupProperties;
import io.postline.dedup.domain.Fingerprinter;
import io.postline.events.AuthorizationReceived;
import io.postline.events.EventJson;
import io.postline.events.SampleEvents;
import io.postline.stage.test.StageIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V4 gives the fingerprints stored before it the key the service now computes (led by the transmission
 * time), so that a duplicate of an authorization seen before an upgrade is still found after it.
 */
// Same configuration as DedupStageIT, so the two share one application context.
@StageIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class FingerprintTimeKeyMigrationIT {
    private static final String MIGRATION = "/db/migration/V4__fingerprints_in_time_order.sql";
    private static final int HMAC_DIGITS = 64;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DedupProperties properties;

    @AfterEach
    void removeRows() {
        jdbc.update("delete from fingerprint where authorization_id like 'MIG-%'");
        jdbc.update("delete from authorization_seen where authorization_id like 'MIG-%'");
    }

    @Test
    void aFingerprintStoredBeforeTheUpgradeGetsTheKeyTheServiceNowComputes() throws IOException {
        Fingerprinter fingerprinter = new Fingerprinter(properties.fingerprintSecret());
        AuthorizationReceived recent = sentAt("MIG-RECENT", Instant.parse("2026-11-21T00:00:05.123Z"));
        AuthorizationReceived early = sentAt("MIG-EARLY", Instant.parse("1969-12-31T23:59:59.999Z"));
        storeAsBeforeTheUpgrade(recent, fingerprinter);
        storeAsBeforeTheUpgrade(early, fingerprinter);
        UUID orphan = UUID.randomUUID();
        String orphanKey = "f".repeat(HMAC_DIGITS);
        jdbc.update("insert into fingerprint (fingerprint, authorization_id, event_id) values (?, 'MIG-ORPHAN', ?)",
                orphanKey, orphan);

        migrate();

        assertThat(fingerprintOf("MIG-RECENT")).isEqualTo(fingerprinter.fingerprint(recent))
                .startsWith("01a1fb672c03:");
        assertThat(fingerprintOf("MIG-EARLY")).isEqualTo(fingerprinter.fingerprint(early))
                .startsWith("ffffffffffffffff:");
        assertThat(fingerprintOf("MIG-ORPHAN")).as("no sighting to take the time from").isEqualTo(orphanKey);

        migrate();

        assertThat(fingerprintOf("MIG-RECENT")).as("running it again changes nothing")
                .isEqualTo(fingerprinter.fingerprint(recent));
    }

    private static AuthorizationReceived sentAt(String id, Instant transmissionTime) {
        AuthorizationReceived s = SampleEvents.received(id);
        return new AuthorizationReceived(id, s.sourceId(), s.cardToken(), s.acquirerId(), s.merchant(), s.amount(),
                null, s.stan(), s.rrn(), s.approvalCode(), transmissionTime, s.receivedAt(), null, null);
    }

    /** The sighting as dedup writes it, and the fingerprint as it was before: the keyed hash alone. */
    private void storeAsBeforeTheUpgrade(AuthorizationReceived a, Fingerprinter fingerprinter) {
        UUID eventId = UUID.randomUUID();
        String fingerprint = fingerprinter.fingerprint(a);
        jdbc.update("insert into authorization_seen (authorization_id, event_id, content_hash, payload) "
                + "values (?, ?, 'h', ?)", a.authorizationId(), eventId, EventJson.write(a));
        jdbc.update("insert into fingerprint (fingerprint, authorization_id, event_id) values (?, ?, ?)",
                fingerprint.substring(fingerprint.length() - HMAC_DIGITS), a.authorizationId(), eventId);
    }

    private void migrate() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(MIGRATION)) {
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private String fingerprintOf(String authorizationId) {
        return jdbc.queryForObject("select fingerprint from fingerprint where authorization_id = ?", String.class,
                authorizationId);
    }
}
