package io.postline.stage.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.SampleEvents;
import io.postline.stage.consumer.StageConsumers;
import io.postline.stage.outbox.OutboxRelay;
import io.postline.stage.test.PostlineTestInfrastructure;
import io.postline.stage.test.TestDatabases;
import io.postline.stage.test.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shutdown while a stage is busy: readiness goes down while the consumers still run, the in-flight batch
 * finishes and is committed, and every committed outbox row is relayed before the process ends. A new
 * process on the same group then finds nothing to repeat: the stop sent the offsets its commit interval
 * still held back.
 */
class GracefulShutdownIT {
    private static final String STAGE = "echo-shutdown";
    private static final TopicProbe probe = TopicProbe.shared();

    @Test
    void readinessGoesDownFirstThenTheInFlightBatchAndTheOutboxDrain() throws Exception {
        List<String> seenAtReadinessDown = new CopyOnWriteArrayList<>();
        // Its own connection: the application's pool closes with it.
        JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                TestDatabases.freshDatabase("postline_test_shutdown_test"), TestDatabases.server().user(),
                TestDatabases.server().password()));
        long before = processed(jdbc);

        // The group starts after what other tests left on the topic (some of it sent twice on purpose), so
        // every repeat the next process sees can only come from this test's stop.
        startGroupAtTheEnd();
        // The events wait on the topic before the stage starts, so it cannot finish them before it is stopped.
        int sent = 3_000;
        for (int i = 0; i < sent; i++) {
            probe.sendEvent(UUID.randomUUID(), SampleEvents.received("SHUTDOWN-" + i));
        }
        // Its offsets go to the broker only when it stops: the stop must send them, or the next process repeats.
        ConfigurableApplicationContext first = start(seenAtReadinessDown, "500ms", "1h");
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(jdbc) > before); // the consumer is at work
        first.close();
        long processedByFirst = processed(jdbc);
        assertThat(processedByFirst - before).as("stopped mid-stream").isLessThan(sent);

        // The first REFUSING_TRAFFIC is the one probes see (the management context announces it again later).
        assertThat(seenAtReadinessDown).as("when readiness went down").startsWith("consumers running",
                "relay running");
        assertThat(unpublished(jdbc)).as("committed outbox rows left unpublished").isZero();
        System.out.printf("[graceful shutdown] stopped after %d of %d events; the next process did the rest%n",
                processedByFirst - before, sent);

        ConfigurableApplicationContext second = start(new CopyOnWriteArrayList<>(), "0ms", "1s");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> processed(jdbc) >= before + sent);
            Counter repeats = second.getBean(MeterRegistry.class).find("postline.stage.inbox.repeats")
                    .tag("stage", STAGE).counter();
            assertThat(repeats == null ? 0 : repeats.count())
                    .as("records the first process handled but did not commit (%d processed before the stop)",
                            processedByFirst - before).isZero();
        } finally {
            second.close();
        }
    }

    private static void startGroupAtTheEnd() throws Exception {
        String topic = io.postline.events.Topic.AUTHORIZATION_RECEIVED.topicName();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers")))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return; // nothing was sent before this test
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, o) -> ends.put(tp, new OffsetAndMetadata(o.offset())));
            admin.alterConsumerGroupOffsets(STAGE, ends).all().get();
        }
    }

    private static ConfigurableApplicationContext start(List<String> seenAtReadinessDown, String batchDelay,
                                                        String commitInterval) {
        ApplicationListener<AvailabilityChangeEvent<?>> recorder = event -> {
            if (event.getState() == ReadinessState.REFUSING_TRAFFIC
                    && event.getSource() instanceof ConfigurableApplicationContext app) {
                seenAtReadinessDown.add(app.getBean(StageConsumers.class).isRunning() ? "consumers running"
                        : "consumers stopped");
                seenAtReadinessDown.add(app.getBean(OutboxRelay.class).isRunning() ? "relay running"
                        : "relay stopped");
            }
        };
        return new SpringApplicationBuilder(EchoStageApplication.class)
                .initializers(new PostlineTestInfrastructure())
                .listeners(recorder)
                .properties("spring.application.name=" + STAGE, "echo.stage-name=" + STAGE,
                        "postline.database.schema=shutdown_test", "server.port=0", "management.server.port=0",
                        "postline.stage.consumer.max-poll-records=200", "echo.batch-delay=" + batchDelay,
                        "postline.stage.consumer.commit-interval=" + commitInterval)
                .run();
    }

    private static long processed(JdbcTemplate jdbc) {
        if (jdbc.queryForObject("select to_regclass('shutdown_test.inbox') is null", Boolean.class)) {
            return 0; // not migrated yet
        }
        return jdbc.queryForObject("select count(*) from shutdown_test.inbox", Long.class);
    }

    private static long unpublished(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from shutdown_test.outbox_unpublished", Long.class);
    }
}
