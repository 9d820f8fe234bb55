package io.postline.stage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * TLS and SASL to Kafka and TLS to PostgreSQL are configuration only (docs/operations.md): these tests show
 * that the documented properties reach the clients the runtime builds.
 */
class ConnectionSecurityBindingTest {

    @Test
    void kafkaSaslAndTlsSettingsReachTheStageProducerAndConsumers() {
        Map<String, String> settings = Map.of(
                "spring.kafka.bootstrap-servers", "broker-1:9093",
                "spring.kafka.security.protocol", "SASL_SSL",
                "spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
                "spring.kafka.properties.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"s\";",
                "spring.kafka.properties.ssl.truststore.location", "/etc/kafka/truststore.p12",
                "spring.kafka.properties.ssl.truststore.type", "PKCS12",
                "spring.kafka.properties.ssl.endpoint.identification.algorithm", "https");
        KafkaProperties kafka = new Binder(new MapConfigurationPropertySource(settings))
                .bind("spring.kafka", Bindable.of(KafkaProperties.class)).get();
        StageRuntimeProperties runtime = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("postline.stage", Bindable.of(StageRuntimeProperties.class));

        Map<String, Object> producer = new StageRuntimeAutoConfiguration().stageKafkaTemplate(kafka, runtime,
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .getProducerFactory().getConfigurationProperties();
        Map<String, Object> consumer = kafka.buildConsumerProperties();

        for (Map<String, Object> client : java.util.List.of(producer, consumer)) {
            assertThat(client).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                    .containsKey("sasl.jaas.config");
        }
        assertThat(producer).containsEntry("enable.idempotence", true).containsEntry("acks", "all");
    }

    @Test
    void theDatabaseSslModeGoesIntoTheJdbcUrl() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "postline.database.ssl-mode", "verify-full", "postline.database.host", "db.internal",
                "spring.application.name", "posting")));
        new StageDefaultsEnvironmentPostProcessor().postProcessEnvironment(env, null);

        assertThat(env.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/postline?reWriteBatchedInserts=true"
                        + "&binaryTransferEnable=UUID_ARRAY&ApplicationName=posting&sslmode=verify-full");
    }

    @Test
    void withoutSettingsTheDefaultsAreThoseOfALocalDevelopmentMachine() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("spring.application.name", "dedup")));
        new StageDefaultsEnvironmentPostProcessor().postProcessEnvironment(env, null);

        assertThat(env.getProperty("spring.datasource.url")).endsWith("sslmode=prefer");
        assertThat(env.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,info,prometheus");
    }
}
