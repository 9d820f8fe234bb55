package io.postline.dedup.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param fingerprintSecret the HMAC key of fingerprints and content hashes; from a secret store in production
 * @param window            how long an authorization id or fingerprint marks later look-alikes
 * @param purgeInterval     how often expired look-up rows are deleted
 */
@Validated
@ConfigurationProperties("postline.dedup")
public record DedupProperties(@NotNull @Size(min = 32) String fingerprintSecret,
                              @DefaultValue("24h") @NotNull Duration window,
                              @DefaultValue("10m") @NotNull Duration purgeInterval) {
}
