package io.postline.rules;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Applies accounting rules to enriched transactions and emits balanced posting legs. */
@SpringBootApplication
@EnableScheduling
public class RulesApplication {
    public static void main(String[] args) {
        SpringApplication.run(RulesApplication.class, args);
    }
}
