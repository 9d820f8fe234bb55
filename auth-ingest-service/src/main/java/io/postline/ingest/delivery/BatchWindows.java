package io.postline.ingest.delivery;

import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.config.IngestProperties.Mode;
import java.util.TimeZone;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/** Registers the release schedule of every batch source that has one (cron in UTC). */
@Configuration
public class BatchWindows implements SchedulingConfigurer {
    private final IngestProperties properties;
    private final HeldReleases releases;

    public BatchWindows(IngestProperties properties, HeldReleases releases) {
        this.properties = properties;
        this.releases = releases;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        properties.sources().forEach((id, source) -> {
            if (source.mode() == Mode.BATCH && !"-".equals(source.schedule())) {
                registrar.addTriggerTask(() -> releases.release(id, Integer.MAX_VALUE, "schedule"),
                        new CronTrigger(source.schedule(), TimeZone.getTimeZone("UTC")));
            }
        });
    }
}
