package io.postline.stage.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API security of every service ({@code postline.security.*}); tokens are JWTs checked against
 * {@code spring.security.oauth2.resourceserver.jwt.*} (a public key, a JWK set or an issuer).
 *
 * @param enabled     false only for a closed test bench; every endpoint is then open
 * @param ingestPaths POST paths that take authorizations (scope {@code authorizations:write})
 * @param ingestReadPaths GET paths an ingest client may read with its own scope (its file jobs)
 * @param tokenCache  how long a verified token is taken on trust ({@link VerifiedTokenCache})
 */
@Validated
@ConfigurationProperties("postline.security")
public record PostlineSecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"/v1/authorizations", "/v1/authorizations:batch", "/v1/ingest-jobs"}) @NotNull
        List<String> ingestPaths,
        @DefaultValue("/v1/ingest-jobs/*") @NotNull List<String> ingestReadPaths,
        @DefaultValue @Valid @NotNull TokenCache tokenCache) {

    /**
     * @param enabled    false checks every token's signature and claims on every request
     * @param maxAge     a verified token is re-checked after this long (or at its expiry, if sooner): the longest
     *                   a withdrawn signing key is still honoured
     * @param maxEntries distinct tokens remembered at most
     */
    public record TokenCache(@DefaultValue("true") boolean enabled, @DefaultValue("60s") @NotNull Duration maxAge,
                             @DefaultValue("10000") @Min(1) int maxEntries) {
    }
}
