package io.postline.reconciliation.config;

import io.postline.reconciliation.domain.ReconPolicy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of reconciliation ({@code postline.reconciliation.*}); docs/reconciliation.md explains each.
 *
 * @param grace            an item quiet this long is classified (missing posting) and may be patched
 * @param heldSla          a hold older than this is the break HELD_TOO_LONG
 * @param maxPatchAttempts automatic patches per item before it waits for an operator
 * @param mismatchAction   ADJUST or HOLD_FOR_REVIEW
 * @param scanInterval     how often items are re-classified and patched
 * @param businessZone     the zone whose date is an authorization's business date (end-of-day report)
 * @param autoPatch        false turns auto-patch off: breaks are reported only
 * @param lagThreshold     pipeline consumer lag (records) above which late postings count as queued, not
 *                         missing: they are neither classified as missing nor re-driven
 * @param pipelineGroups   the consumer groups whose lag that is (every stage that carries an authorization
 *                         towards its posting, and reconciliation itself)
 */
@Validated
@ConfigurationProperties("postline.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("60s") @NotNull Duration grace,
        @DefaultValue("24h") @NotNull Duration heldSla,
        @DefaultValue("3") @Min(0) @Max(100) int maxPatchAttempts,
        @DefaultValue("ADJUST") @NotNull ReconPolicy.MismatchAction mismatchAction,
        @DefaultValue("5s") @NotNull Duration scanInterval,
        @DefaultValue("UTC") @NotNull ZoneId businessZone,
        @DefaultValue("true") boolean autoPatch,
        @DefaultValue("5000") @Min(0) long lagThreshold,
        @DefaultValue({"dedup", "iso20022-standardizer", "enrichment", "rules", "posting", "reconciliation"})
        @NotNull java.util.List<String> pipelineGroups) {

    public ReconPolicy policy() {
        return new ReconPolicy(grace, heldSla, maxPatchAttempts, mismatchAction);
    }
}
