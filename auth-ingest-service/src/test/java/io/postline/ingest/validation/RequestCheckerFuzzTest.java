package io.postline.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.postline.ingest.config.IngestProperties;
import io.postline.events.PanGuard;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the parsing and checking every ingest request goes through (JSON bodies and file lines): for any
 * input the checker answers valid or invalid, never throws, never lets a PAN through, and what it finds valid
 * becomes an event. Runs the
 * committed seed corpus (src/test/resources/.../RequestCheckerFuzzTestInputs) as a regular test; with
 * JAZZER_FUZZ=1 it fuzzes for real.
 */
class RequestCheckerFuzzTest {
    private static final IngestProperties PROPERTIES = new IngestProperties(Map.of(
            "pos-switch", new IngestProperties.Source(Set.of(IngestProperties.Format.JSON), IngestProperties.Mode.REALTIME,
                    500, java.time.Duration.ofSeconds(1), "-", Set.of(), false),
            "pos-tokenizing", new IngestProperties.Source(Set.of(IngestProperties.Format.JSON, IngestProperties.Format.CSV),
                    IngestProperties.Mode.REALTIME, 500, java.time.Duration.ofSeconds(1), "-", Set.of(), true)),
            1000, new IngestProperties.Idempotency(java.time.Duration.ofHours(24)),
            new IngestProperties.Jobs(Path.of("target"), 1000, 1000),
            new IngestProperties.Tokenization(Map.of(1, "K34VFiiu0qar9xWICc9PPA=="), 1, ""));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RequestChecker CHECKER = new RequestChecker(JSON,
            Validation.buildDefaultValidatorFactory().getValidator(),
            new EdgeTokenization(PROPERTIES, new SimpleMeterRegistry()));

    @FuzzTest(maxDuration = "10s")
    void anyBodyIsAnsweredAndNoPanGetsThrough(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        CheckedRequest checked = CHECKER.check(body);
        if (checked instanceof CheckedRequest.Valid valid) {
            String stored = JSON.writeValueAsString(valid.request());
            assertThat(PanGuard.containsPan(stored)).as("a valid request carries no PAN").isFalse();
            // Whatever ingest accepts must also be an event the records accept, or it would fail after the answer.
            assertThat(valid.request().toEvent(Instant.EPOCH)).isNotNull();
        }
        if (checked instanceof CheckedRequest.Invalid invalid) {
            assertThat(invalid.errors()).isNotEmpty();
            String text = new String(body, StandardCharsets.UTF_8);
            invalid.errors().forEach(e -> assertThat(text.length() < 13 || !e.message().contains(text)).isTrue());
        }
    }
}
