package io.postline.posting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Assembles posting sequences and writes them to the double-entry ledger. */
@SpringBootApplication
@org.springframework.boot.context.properties.ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class PostingApplication {
    public static void main(String[] args) {
        SpringApplication.run(PostingApplication.class, args);
    }
}
