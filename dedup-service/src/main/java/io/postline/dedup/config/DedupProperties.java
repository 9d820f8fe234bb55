package io.postline.dedup.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param fingerprintSecret the HMAC key of fingerprints; from a secret store in production
 * @param window            how long a fingerprint marks later look-alikes as duplicates
 */
@Validated
@ConfigurationProperties("postline.dedup")
public record DedupProperties(@NotNull @Size(min = 32) String fingerprintSecret,
                              @DefaultValue("24h") @NotNull Duration window) {
}
