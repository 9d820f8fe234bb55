package io.postline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Structure rules over the services' source: the stage plumbing lives once in stage-runtime, and domain
 * packages are plain Java.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of(System.getProperty("postline.root", "..")).toAbsolutePath().normalize();
    private static final Pattern PLUMBING = Pattern.compile(
            "@KafkaListener|KafkaTemplate|KafkaConsumer|KafkaProducer|ConsumerRecord|ProducerRecord"
                    + "|(?i:into\\s+(inbox|outbox))|(?i:from\\s+(inbox|outbox))");
    private static final Pattern FRAMEWORK_IMPORT = Pattern.compile(
            "^import\\s+(org\\.springframework|org\\.apache\\.kafka|java\\.sql|javax\\.sql|jakarta\\.persistence)\\.",
            Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"auth-ingest-service", "dedup-service", "iso20022-standardizer", "enrichment-service",
            "rules-service", "posting-service", "reconciliation-service"})
    void servicesUseTheStageRuntimeInsteadOfTheirOwnKafkaOrInboxOutboxCode(String module) {
        List<Path> sources = javaSources(ROOT.resolve(module).resolve("src/main/java"));
        assertThat(sources).as("sources of " + module).isNotEmpty();
        assertThat(sources).allSatisfy(file -> assertThat(PLUMBING.matcher(read(file)).find())
                .as(file + " re-implements stage plumbing (Kafka clients or inbox/outbox SQL)").isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dedup-service", "iso20022-standardizer", "enrichment-service", "rules-service",
            "posting-service", "reconciliation-service"})
    void domainPackagesArePlainJava(String module) {
        List<Path> domain = javaSources(ROOT.resolve(module).resolve("src/main/java")).stream()
                .filter(p -> p.toString().contains("/domain/")).toList();
        assertThat(domain).as("domain classes of " + module).isNotEmpty();
        assertThat(domain).allSatisfy(file -> assertThat(FRAMEWORK_IMPORT.matcher(read(file)).find())
                .as(file + " imports a framework into the domain").isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"common-events", "iso20022-mapping"})
    void librariesArePlainJava(String module) {
        List<Path> sources = javaSources(ROOT.resolve(module).resolve("src/main/java"));
        assertThat(sources).as("sources of " + module).isNotEmpty();
        assertThat(sources).allSatisfy(file -> assertThat(FRAMEWORK_IMPORT.matcher(read(file)).find())
                .as(file + " imports a framework into a library").isFalse());
    }

    private static List<Path> javaSources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
