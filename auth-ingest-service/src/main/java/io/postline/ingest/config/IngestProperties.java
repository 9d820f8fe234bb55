package io.postline.ingest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of ingest ({@code postline.ingest.*}); every source that may send authorizations is configured
 * here (application.yml; from the environment through {@code SPRING_APPLICATION_JSON}, which keeps the
 * dashes of source ids).
 *
 * @param sources       by source id
 * @param maxBatchSize  most authorizations in one {@code :batch} request
 * @param idempotency   how long an {@code Idempotency-Key} answers with its first response
 * @param jobs          file ingest
 */
@Validated
@ConfigurationProperties("postline.ingest")
public record IngestProperties(
        @NotEmpty Map<String, @Valid Source> sources,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxBatchSize,
        @Valid @NotNull @DefaultValue Idempotency idempotency,
        @Valid @NotNull @DefaultValue Jobs jobs,
        @Valid @NotNull @DefaultValue Tokenization tokenization) {

    public enum Format { JSON, CSV, NDJSON }

    public enum Mode {
        /** Published as soon as accepted. */
        REALTIME,
        /** Published in micro-batches: when {@code maxCount} are waiting or the oldest has waited {@code maxDelay}. */
        NEAR_REALTIME,
        /** Held until the source's schedule or an operator releases them. */
        BATCH
    }

    /**
     * One upstream source.
     *
     * @param formats   the ways it may send: JSON (single and batch requests), CSV and NDJSON files
     * @param mode      when its authorizations are published
     * @param maxCount  near-realtime: a micro-batch is published at this many
     * @param maxDelay  near-realtime: or when its oldest has waited this long
     * @param schedule  batch: Spring cron (UTC) on which held authorizations are released; "-" for operator only
     * @param clients   OAuth2 client ids allowed to send for this source; empty allows any authorized client
     * @param tokenizePans for sources that send PANs in {@code cardToken}: replace them at the edge by FF1
     *                  tokens (the PAN is never stored, published or logged); a PAN in any other field is
     *                  still refused
     */
    public record Source(
            @DefaultValue("JSON") @NotEmpty Set<Format> formats,
            @DefaultValue("REALTIME") @NotNull Mode mode,
            @DefaultValue("500") @Min(1) @Max(100000) int maxCount,
            @DefaultValue("1s") @NotNull Duration maxDelay,
            @DefaultValue("-") @NotNull String schedule,
            @DefaultValue @NotNull Set<String> clients,
            @DefaultValue("false") boolean tokenizePans) {
    }

    /**
     * Edge tokenization keys: base64 AES keys by version (0..8), from a secret store in production (e.g.
     * {@code POSTLINE_INGEST_TOKENIZATION_KEYS_1}); none are committed. Required when a source tokenizes.
     */
    public record Tokenization(
            @DefaultValue @NotNull Map<Integer, String> keys,
            @DefaultValue("1") @Min(0) @Max(8) int currentVersion,
            @DefaultValue("") @NotNull String tweak) {
    }

    public record Idempotency(@DefaultValue("24h") @NotNull Duration ttl) {
    }

    /**
     * @param directory     where uploaded files wait for processing (streamed to disk, never held in memory)
     * @param chunkSize     lines accepted per transaction
     * @param maxLineErrors per-line errors kept per job (counts are always exact)
     */
    public record Jobs(
            @DefaultValue("data/ingest-jobs") @NotNull Path directory,
            @DefaultValue("1000") @Min(1) @Max(10000) int chunkSize,
            @DefaultValue("1000") @Min(0) @Max(100000) int maxLineErrors) {
    }

    public Optional<Source> source(String id) {
        return Optional.ofNullable(id == null ? null : sources.get(id));
    }
}
