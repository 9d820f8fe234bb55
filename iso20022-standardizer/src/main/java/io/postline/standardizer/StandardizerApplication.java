package io.postline.standardizer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Maps unique authorizations to ISO 20022 cain.001 documents with a typed projection. */
@SpringBootApplication
public class StandardizerApplication {
    public static void main(String[] args) {
        SpringApplication.run(StandardizerApplication.class, args);
    }
}
