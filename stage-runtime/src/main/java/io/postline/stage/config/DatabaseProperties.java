package io.postline.stage.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The service's own database schema ({@code postline.database.schema}); nobody else reads it. */
@Validated
@ConfigurationProperties("postline.database")
public record DatabaseProperties(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,62}") String schema) {
}
