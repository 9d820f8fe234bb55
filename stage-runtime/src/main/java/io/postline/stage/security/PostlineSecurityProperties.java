package io.postline.stage.security;

import jakarta.validation.constraints.NotNull;
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
 */
@Validated
@ConfigurationProperties("postline.security")
public record PostlineSecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"/v1/authorizations", "/v1/authorizations:batch", "/v1/ingest-jobs"}) @NotNull
        List<String> ingestPaths,
        @DefaultValue("/v1/ingest-jobs/*") @NotNull List<String> ingestReadPaths) {
}
