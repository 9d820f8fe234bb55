package io.postline.ingest.admission;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many {@code :batch} requests ingest works on at once ({@code postline.ingest.admission.*}); single requests
 * wait for a group commit instead ({@code postline.ingest.single-requests.*}).
 *
 * @param maxConcurrentRequests requests storing authorizations at the same time; keep it below the connection
 *                              pool's size ({@code spring.datasource.hikari.maximum-pool-size}, 8 by default) so
 *                              the outbox relay, file ingest and the scheduled jobs always find a connection
 * @param maxWait               how long a request over the bound waits for a place (first come, first
 *                              served) before it is answered 503 with {@code Retry-After}; as long as a request
 *                              used to wait for a connection, so a burst is queued rather than turned away
 * @param retryAfter            the {@code Retry-After} given with that answer
 */
@Validated
@ConfigurationProperties("postline.ingest.admission")
public record AdmissionProperties(
        @DefaultValue("5") @Min(1) @Max(1000) int maxConcurrentRequests,
        @DefaultValue("5s") @NotNull Duration maxWait,
        @DefaultValue("2s") @NotNull Duration retryAfter) {
}
