package io.postline.dedup.store;

import io.postline.dedup.config.DedupProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires what the window no longer needs, so the look-up tables stay the size of one window of
 * traffic. Parked duplicates are kept: they are the audit trail.
 */
@Component
public class DedupPurge {
    private static final Logger log = LoggerFactory.getLogger(DedupPurge.class);
    private final JdbcTemplate jdbc;
    private final DedupProperties properties;

    public DedupPurge(JdbcTemplate jdbc, DedupProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${postline.dedup.purge-interval:10m}", initialDelayString = "${postline.dedup.purge-interval:10m}")
    public int purge() {
        double window = properties.window().toSeconds();
        int removed = jdbc.update("delete from fingerprint where first_seen <= now() - make_interval(secs => ?)", window)
                + jdbc.update("delete from authorization_seen where first_seen <= now() - make_interval(secs => ?)", window)
                + jdbc.update("delete from dropped_resend where seen_at <= now() - make_interval(secs => ?)", window);
        if (removed > 0) {
            log.info("purged {} dedup rows older than the {} window", removed, properties.window());
        }
        return removed;
    }
}
