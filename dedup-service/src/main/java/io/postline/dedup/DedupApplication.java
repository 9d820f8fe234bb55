package io.postline.dedup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Duplicate detection: forwards unique authorizations and parks duplicates. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DedupApplication {
    public static void main(String[] args) {
        SpringApplication.run(DedupApplication.class, args);
    }
}
