package io.postline.ingest.grouping;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How single authorization requests are stored together ({@code postline.ingest.single-requests.*}).
 *
 * @param maxGroupSize most requests stored in one transaction
 * @param maxWaiting   requests waiting for their group at most; one more is answered 503 with {@code Retry-After}
 * @param maxWait      how long a request waits for its group's commit before it is answered 503 (its group may
 *                     still commit: resent with the same {@code Idempotency-Key}, it then gets its first answer)
 * @param retryAfter   the {@code Retry-After} of those answers
 */
@Validated
@ConfigurationProperties("postline.ingest.single-requests")
public record SingleRequestProperties(
        @DefaultValue("500") @Min(1) @Max(10000) int maxGroupSize,
        @DefaultValue("2000") @Min(1) @Max(100000) int maxWaiting,
        @DefaultValue("30s") @NotNull Duration maxWait,
        @DefaultValue("2s") @NotNull Duration retryAfter) {
}
