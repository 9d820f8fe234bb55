package io.postline.stage.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the defaults every Postline service shares (database, Kafka, management port, problem details) at
 * the lowest precedence, so a service's application.yml, environment variables or flags override them and
 * no service repeats them.
 */
public class StageDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {
    static final String RESOURCE = "postline-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("postlineDefaults",
                    new ClassPathResource(RESOURCE, getClass().getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
