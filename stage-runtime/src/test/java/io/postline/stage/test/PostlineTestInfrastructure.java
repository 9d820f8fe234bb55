package io.postline.stage.test;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test application context at the shared in-process Kafka broker and at a fresh database named
 * after the service's schema (one per test JVM).
 */
public class PostlineTestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var env = context.getEnvironment();
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        if (brokers == null) {
            throw new IllegalStateException("no embedded Kafka broker: is spring.kafka.global.embedded.enabled set?");
        }
        String schema = env.getRequiredProperty("postline.database.schema");
        env.getPropertySources().addFirst(new MapPropertySource("postlineTestInfrastructure", Map.of(
                "spring.kafka.bootstrap-servers", brokers,
                "spring.datasource.url", TestDatabases.freshDatabase("postline_test_" + schema),
                "spring.datasource.username", TestDatabases.server().user(),
                "spring.datasource.password", TestDatabases.server().password(),
                "postline.stage.outbox.leftover-age", "1s",
                "postline.stage.outbox.poll-interval", "200ms",
                // The shared broker may stop before a test context closes; do not wait long for it then.
                "postline.stage.outbox.drain-timeout", "3s",
                "spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation())));
    }
}
