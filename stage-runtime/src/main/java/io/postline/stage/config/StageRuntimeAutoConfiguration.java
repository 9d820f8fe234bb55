package io.postline.stage.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.Topic;
import io.postline.stage.StageHandler;
import io.postline.stage.consumer.StageConsumers;
import io.postline.stage.inbox.Inbox;
import io.postline.stage.metrics.StageMetrics;
import io.postline.stage.outbox.Outbox;
import io.postline.stage.outbox.OutboxRelay;
import io.postline.stage.tracing.EventTracing;
import io.postline.stage.tracing.MicrometerEventTracing;
import io.micrometer.tracing.Tracer;
import io.postline.stage.replay.DeadLetterController;
import io.postline.stage.replay.DeadLetterReplay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Everything a stage runs on, configured once for all services: runtime tables, inbox, outbox and relay, DLT replay,
 * the byte-level producer, topics of the catalogue, standard metrics, and one batch consumer per
 * {@link StageHandler} bean.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"},
        after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({StageRuntimeProperties.class, DatabaseProperties.class})
public class StageRuntimeAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StageRuntimeAutoConfiguration.class);

    static {
        // Before any producer or consumer of the service exists: Kafka picks the lz4 codec when it creates them.
        log.info("Kafka lz4 codec: {}", NativeLz4.load(StageRuntimeAutoConfiguration.class.getClassLoader()));
    }

    @Bean
    StageRuntimeMigration stageRuntimeMigration(DataSource dataSource, DatabaseProperties database) {
        return new StageRuntimeMigration(dataSource, database.schema());
    }

    /** The service's own migrations run after the runtime's, so they may use its tables (ingest's V3 does). */
    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy serviceMigrationsAfterRuntime(StageRuntimeMigration migrated) {
        return flyway -> flyway.migrate();
    }

    @Bean
    io.postline.stage.web.ValueFreeProblems valueFreeProblems() {
        return new io.postline.stage.web.ValueFreeProblems();
    }

    @Bean
    io.postline.stage.web.DependencyUnavailableProblems dependencyUnavailableProblems() {
        return new io.postline.stage.web.DependencyUnavailableProblems();
    }

    @Bean
    StageMetrics stageMetrics(MeterRegistry registry, @Value("${spring.application.name}") String service) {
        return new StageMetrics(registry, service);
    }

    @Bean
    KafkaTemplate<String, byte[]> stageKafkaTemplate(KafkaProperties kafka, StageRuntimeProperties properties,
                                                      MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        factory.addListener(new MicrometerProducerListener<>(registry)); // Kafka's own producer metrics
        factory.setPhysicalCloseTimeout((int) Math.max(1, properties.outbox().drainTimeout().toSeconds()));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    OutboxRelay outboxRelay(KafkaTemplate<String, byte[]> stageKafkaTemplate, JdbcTemplate jdbc, StageMetrics metrics,
                            StageRuntimeProperties properties, StageRuntimeMigration migrated) {
        return new OutboxRelay(stageKafkaTemplate, jdbc, metrics, properties.outbox(), properties.retention());
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        return new Outbox(jdbc, relay);
    }

    @Bean
    DeadLetterReplay deadLetterReplay(JdbcTemplate jdbc, Outbox outbox,
                                                               PlatformTransactionManager transactions,
                                                               MeterRegistry meters) {
        return new DeadLetterReplay(jdbc, outbox, new TransactionTemplate(transactions), meters);
    }

    @Bean
    DeadLetterController deadLetterController(
            DeadLetterReplay deadLetterReplay) {
        return new DeadLetterController(deadLetterReplay);
    }

    @Bean
    io.postline.stage.metrics.BrokerOffsetGauges brokerOffsetGauges(ObjectProvider<StageHandler> handlers,
                                                                  KafkaAdmin kafkaAdmin, MeterRegistry meters,
                                                                  StageRuntimeProperties properties,
                                                                  @Value("${spring.application.name}") String service) {
        java.util.Set<String> dlts = new java.util.TreeSet<>();
        Map<String, java.util.Set<String>> inputsByGroup = new java.util.TreeMap<>();
        handlers.orderedStream().forEach(h -> h.consumes().forEach(t -> {
            dlts.add(t.deadLetterTopic());
            inputsByGroup.computeIfAbsent(h.stageName(), g -> new java.util.TreeSet<>()).add(t.topicName());
        }));
        return new io.postline.stage.metrics.BrokerOffsetGauges(kafkaAdmin.getConfigurationProperties(), dlts,
                inputsByGroup, service, meters, properties.metrics().dltDepthInterval());
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc, StageRuntimeMigration migrated) {
        return new Inbox(jdbc);
    }

    @Bean
    KafkaAdmin.NewTopics stageTopics(StageRuntimeProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic t : Topic.values()) {
            for (String name : List.of(t.topicName(), t.deadLetterTopic())) {
                topics.add(TopicBuilder.name(name).partitions(properties.topics().partitions())
                        .replicas(properties.topics().replicationFactor()).build());
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    StageConsumers stageConsumers(ObjectProvider<StageHandler> handlers, KafkaProperties kafka, Inbox inbox,
                                  Outbox outbox, PlatformTransactionManager transactions, StageMetrics metrics,
                                  StageRuntimeProperties properties, DataSource dataSource,
                                  EventTracing eventTracing, MeterRegistry registry) {
        return new StageConsumers(handlers.orderedStream().toList(), kafka.buildConsumerProperties(), inbox, outbox,
                new TransactionTemplate(transactions), metrics, properties, () -> answers(dataSource), eventTracing,
                new MicrometerConsumerListener<>(registry));
    }

    /** Spans per consumed event, children of the event's traceparent, when a tracer is there. */
    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer) {
        Tracer t = tracer.getIfAvailable();
        return t != null && t != Tracer.NOOP ? new MicrometerEventTracing(t) : EventTracing.NONE;
    }

    /** The probe a paused consumer waits on: a fresh connection that passes its validity check. */
    private static boolean answers(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
