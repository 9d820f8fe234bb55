package io.postline.enrichment.config;

import jakarta.validation.constraints.NotNull;
import java.math.RoundingMode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param roundingMode      how converted amounts are rounded to the account currency's exponent
 * @param cacheCheckInterval how often an instance checks whether reference data changed elsewhere
 */
@Validated
@ConfigurationProperties("postline.enrichment")
public record EnrichmentProperties(@DefaultValue("HALF_EVEN") @NotNull RoundingMode roundingMode,
                                   @DefaultValue("10s") @NotNull Duration cacheCheckInterval) {
}
