package io.postline.ingest.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionConfigurationTest {
    private final AdmissionConfiguration configuration = new AdmissionConfiguration();

    @Test
    void refusesToStartWhenTheBoundLeavesNoConnectionForTheRelayAndTheJobs() {
        try (HikariDataSource pool = pool(8)) {
            assertThatThrownBy(() -> configuration.requestAdmission(bound(8), pool, new SimpleMeterRegistry()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("max-concurrent-requests (8) must be below the connection pool's size (8");
        }
    }

    @Test
    void aBoundBelowThePoolIsAdmittedAndItsMetersShowIt() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (HikariDataSource pool = pool(8)) {
            RequestAdmission admission = configuration.requestAdmission(bound(5), pool, meters);
            admission.enter(Duration.ZERO);

            assertThat(meters.get("postline.ingest.requests.limit").gauge().value()).isEqualTo(5);
            assertThat(meters.get("postline.ingest.requests.in.flight").gauge().value()).isEqualTo(1);
        }
    }

    private static AdmissionProperties bound(int requests) {
        return new AdmissionProperties(requests, Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    /** Never connects: Hikari opens connections on first use only. */
    private static HikariDataSource pool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setMaximumPoolSize(size);
        return pool;
    }
}
