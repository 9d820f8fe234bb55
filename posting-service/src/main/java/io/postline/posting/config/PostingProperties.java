package io.postline.posting.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the posting service ({@code postline.posting.*}).
 *
 * @param businessZone             the zone whose calendar date is the business date of an entry
 * @param incompleteAfter          a sequence still missing legs this long after its first leg is reported
 * @param incompleteCheckInterval  how often incomplete sequences are looked for
 */
@Validated
@ConfigurationProperties("postline.posting")
public record PostingProperties(
        @DefaultValue("UTC") @NotNull ZoneId businessZone,
        @DefaultValue("2m") @NotNull Duration incompleteAfter,
        @DefaultValue("5s") @NotNull Duration incompleteCheckInterval,
        @Valid @NotNull @DefaultValue BankInput bankInput) {

    /**
     * The bank's posting input (docs/posting-file.md).
     *
     * @param batchSources  sources whose entries go to one file per window; every other source is real-time
     * @param windowCron    when the windows of batch sources close (Spring cron, in {@code businessZone})
     * @param directory     where closed files are delivered
     */
    public record BankInput(
            @DefaultValue @NotNull Set<String> batchSources,
            @DefaultValue("0 0 * * * *") @NotBlank String windowCron,
            @DefaultValue("data/posting-files") @NotNull Path directory) {

        public boolean isRealtime(String sourceId) {
            return !batchSources.contains(sourceId);
        }
    }
}
