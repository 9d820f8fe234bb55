package io.postline.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.postline.ingest.config.IngestProperties;
import io.postline.events.PanGuard;
import io.postline.ingest.validation.CheckedRequest;
import io.postline.ingest.validation.EdgeTokenization;
import io.postline.ingest.validation.RequestChecker;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** Fuzzes file lines (CSV and NDJSON) through the line reader and the checker: answered, never thrown. */
class LineReaderFuzzTest {
    private static final IngestProperties PROPERTIES = new IngestProperties(Map.of("acquirer-batch",
            new IngestProperties.Source(Set.of(IngestProperties.Format.CSV, IngestProperties.Format.NDJSON),
                    IngestProperties.Mode.BATCH, 500, Duration.ofSeconds(1), "-", Set.of(), false)),
            1000, new IngestProperties.Idempotency(Duration.ofHours(24)),
            new IngestProperties.Jobs(Path.of("target"), 1000, 1000),
            new IngestProperties.Tokenization(Map.of(), 1, ""));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RequestChecker CHECKER = new RequestChecker(JSON,
            Validation.buildDefaultValidatorFactory().getValidator(),
            new EdgeTokenization(PROPERTIES, new SimpleMeterRegistry()));
    private static final String HEADER = "authorizationId,cardToken,acquirerId,merchantId,merchantName,mcc,"
            + "merchantCity,merchantCountry,amountMinor,currency,stan,rrn,approvalCode,transmissionTime";

    @FuzzTest(maxDuration = "10s")
    void anyLineIsAnsweredAndNoPanGetsThrough(FuzzedDataProvider data) {
        boolean csv = data.consumeBoolean();
        String line = data.consumeRemainingAsString();
        LineReader reader = new LineReader(csv ? IngestProperties.Format.CSV : IngestProperties.Format.NDJSON,
                "acquirer-batch", JSON);
        if (csv) {
            assertThat(reader.header(HEADER)).isNull();
        }
        LineReader.Parsed parsed = reader.parse(line);
        if (parsed.error() == null) {
            CheckedRequest checked = CHECKER.check(parsed.columns(), parsed.request());
            if (checked instanceof CheckedRequest.Valid valid) {
                assertThat(PanGuard.containsPan(JSON.writeValueAsString(valid.request()))).isFalse();
            }
        }
    }
}
