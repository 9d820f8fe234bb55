package io.postline.ingest.api;

import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.delivery.HeldAuthorizations;
import io.postline.ingest.delivery.HeldReleases;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The configured sources, what each holds, and an operator's release of a batch source's window. */
@RestController
public class SourceController {
    private final IngestProperties properties;
    private final HeldAuthorizations held;
    private final HeldReleases releases;

    public SourceController(IngestProperties properties, HeldAuthorizations held, HeldReleases releases) {
        this.properties = properties;
        this.held = held;
        this.releases = releases;
    }

    public record SourceView(String sourceId, List<String> formats, String mode, long held, Instant oldestHeld) {
    }

    public record Released(String sourceId, long released, String by) {
    }

    @GetMapping("/v1/sources")
    public List<SourceView> sources() {
        return properties.sources().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).map(e -> {
            var w = held.waiting(e.getKey());
            return new SourceView(e.getKey(), e.getValue().formats().stream().map(Enum::name).sorted().toList(),
                    e.getValue().mode().name(), w.count(), w.oldest());
        }).toList();
    }

    @PostMapping("/v1/sources/{sourceId}/release")
    public ResponseEntity<?> release(@PathVariable String sourceId,
                                     @RequestHeader(value = "X-Changed-By", required = false) String by) {
        if (properties.source(sourceId).isEmpty()) {
            return Problems.of(HttpStatus.NOT_FOUND, "unknown-source", "Unknown source",
                    "There is no configured source with this id.");
        }
        if (by == null || by.isBlank()) {
            return Problems.badRequest("X-Changed-By is required: releases are audited.");
        }
        return ResponseEntity.ok(new Released(sourceId, releases.release(sourceId, Integer.MAX_VALUE, "operator"),
                by));
    }
}
