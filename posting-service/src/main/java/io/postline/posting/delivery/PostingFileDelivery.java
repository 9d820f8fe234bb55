package io.postline.posting.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.posting.config.PostingProperties;
import io.postline.posting.domain.PostedEntries;
import io.postline.posting.store.PostingFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes the windows of batch sources on their schedule and delivers closed files to the outbound
 * directory: written under a temporary name and renamed, so a reader never sees half a file. A file that
 * could not be written stays undelivered and is tried again.
 */
@Component
public class PostingFileDelivery {
    private static final Logger log = LoggerFactory.getLogger(PostingFileDelivery.class);
    private final PostingFiles files;
    private final PostingProperties properties;
    private final MeterRegistry meters;

    public PostingFileDelivery(PostingFiles files, PostingProperties properties, MeterRegistry meters) {
        this.files = files;
        this.properties = properties;
        this.meters = meters;
    }

    @Scheduled(cron = "${postline.posting.bank-input.window-cron:0 0 * * * *}",
            zone = "${postline.posting.business-zone:UTC}")
    public void closeAllWindows() {
        for (String source : files.sourcesWithOpenWindows()) {
            close(source, "schedule");
        }
    }

    public java.util.Optional<PostingFiles.FileSummary> close(String sourceId, String closedBy) {
        Instant now = Instant.now();
        var file = files.closeWindow(sourceId, PostedEntries.businessDate(now, properties.businessZone()), now, closedBy);
        file.ifPresent(f -> {
            meters.counter("postline.posting.files.closed", "source", sourceId).increment();
            log.info("posting file {} of {} closed by {}: {} records", f.fileName(), sourceId, closedBy,
                    f.recordCount());
        });
        deliver();
        return file;
    }

    @Scheduled(fixedDelayString = "10s", initialDelayString = "10s")
    public synchronized void deliver() {
        Path dir = properties.bankInput().directory();
        for (PostingFiles.Undelivered f : files.undelivered()) {
            try {
                Files.createDirectories(dir);
                Path temp = dir.resolve(f.fileName() + ".part");
                Files.writeString(temp, f.content(), StandardCharsets.US_ASCII);
                Files.move(temp, dir.resolve(f.fileName()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                files.markDelivered(f.fileId());
            } catch (IOException | RuntimeException e) {
                log.warn("could not deliver posting file {} to {}, will try again: {}", f.fileName(), dir, e.toString());
                return;
            }
        }
    }
}
