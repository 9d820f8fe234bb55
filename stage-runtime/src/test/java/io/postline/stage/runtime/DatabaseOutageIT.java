package io.postline.stage.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.EventIds;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.stage.test.PostlineTestInfrastructure;
import io.postline.stage.test.TcpProxy;
import io.postline.stage.test.TestDatabases;
import io.postline.stage.test.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.postline.stage.test.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * PostgreSQL goes away under a running stage (its connections cut, new ones refused, as in a restart):
 * the consumer retries a bounded number of times, pauses, and resumes by itself when the database is back.
 * Nothing is skipped, dead-lettered or processed twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"spring.application.name=echo-outage", "echo.stage-name=echo-outage",
        "postline.database.schema=outage_test", "postline.stage.retry.initial-interval=100ms",
        "postline.stage.retry.max-attempts=3", "postline.stage.retry.probe-interval=500ms",
        "spring.datasource.hikari.connection-timeout=1000"})
@ContextConfiguration(initializers = {PostlineTestInfrastructure.class, DatabaseOutageIT.ThroughProxy.class})
@DirtiesContext
class DatabaseOutageIT {
    private static final String STAGE = "echo-outage";
    private static final TcpProxy DATABASE = new TcpProxy(TestDatabases.server().host(), TestDatabases.server().port());
    private static final TopicProbe probe = TopicProbe.shared();

    /** Runs after the shared infrastructure: the same fresh database, reached through the proxy. */
    static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String direct = context.getEnvironment().getRequiredProperty("spring.datasource.url");
            String viaProxy = direct.replaceFirst("//[^/]+/", "//127.0.0.1:" + DATABASE.port() + "/");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("throughProxy",
                    Map.of("spring.datasource.url", viaProxy)));
        }
    }

    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    @AfterAll
    static void closeProxy() {
        DATABASE.close();
    }

    @Test
    void theConsumerBacksOffPausesAndResumesByItselfWhenTheDatabaseIsBack() throws Exception {
        UUID before = UUID.randomUUID();
        probe.sendEvent(before, SampleEvents.received("OUTAGE-0"));
        awaitOutputs(List.of(before));

        DATABASE.cut();
        List<UUID> during = IntStream.range(1, 21).mapToObj(i -> UUID.randomUUID()).toList();
        for (int i = 0; i < during.size(); i++) {
            probe.sendEvent(during.get(i), SampleEvents.received("OUTAGE-" + (i + 1)));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(paused()).isEqualTo(1.0));
        assertThat(meters.find("postline.stage.consumer.retries").tag("stage", STAGE).counter().count())
                .as("bounded retries before the pause").isGreaterThanOrEqualTo(3);
        assertThat(outputs(during)).as("nothing gets through while the database is away").isEmpty();
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/v1/dead-letters")).header("Authorization",
                        TestTokens.bearer("operations:read")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("an API call that needs the database").isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.body()).contains("dependency-unavailable");

        DATABASE.restore();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(paused()).isZero());
        awaitOutputs(during);
        assertThat(outputs(during)).as("each exactly once").hasSize(during.size());
        assertThat(meters.find("postline.stage.dlt.records").tag("stage", STAGE).counters())
                .as("nothing dead-lettered for a transient cause").isEmpty();
    }

    private double paused() {
        Gauge g = meters.find("postline.stage.consumer.paused").tag("stage", STAGE).gauge();
        return g == null ? 0 : g.value();
    }

    private static void awaitOutputs(List<UUID> inputs) {
        await().atMost(Duration.ofSeconds(60)).until(() -> outputs(inputs).size() >= inputs.size());
    }

    /** This stage's outputs for these inputs (ids are derived from input and stage, so others' do not count). */
    private static List<ConsumerRecord<String, byte[]>> outputs(List<UUID> inputs) {
        List<UUID> expected = inputs.stream().map(id -> EventIds.derive(id, STAGE, 0)).toList();
        return probe.readAll(Topic.AUTHORIZATION_UNIQUE.topicName()).stream()
                .filter(r -> expected.contains(TopicProbe.eventId(r))).toList();
    }
}
