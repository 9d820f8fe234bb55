package io.postline.dedup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Duplicate detection: forwards unique authorizations and parks duplicates. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DedupApplication {
    public static void main(String[] args) {
        SpringApplication.run(DedupApplication.class, args);
    }
}
