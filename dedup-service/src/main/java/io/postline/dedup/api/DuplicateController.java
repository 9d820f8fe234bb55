package io.postline.dedup.api;

import io.postline.dedup.release.DuplicateRelease;
import io.postline.dedup.store.ParkedDuplicates;
import io.postline.dedup.store.ParkedDuplicates.Filter;
import io.postline.events.DuplicateReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator API over parked duplicates: list, show, release (docs/operations.md). */
@Validated
@RestController
@RequestMapping("/v1/duplicates")
public class DuplicateController {
    private final ParkedDuplicates parked;
    private final DuplicateRelease release;

    public DuplicateController(ParkedDuplicates parked, DuplicateRelease release) {
        this.parked = parked;
        this.release = release;
    }

    public record Page(List<ParkedDuplicates.Row> items, int page, int size, long total) {
    }

    public record ReleaseRequest(@NotBlank @Size(max = 100) String releasedBy, @NotBlank @Size(max = 500) String reason) {
    }

    public record Released(ParkedDuplicates.Row duplicate, UUID releasedEventId) {
    }

    @GetMapping
    public Page list(@RequestParam(required = false) DuplicateReason reason,
                     @RequestParam(required = false) String authorizationId,
                     @RequestParam(required = false) Boolean released,
                     @RequestParam(required = false) Instant parkedFrom,
                     @RequestParam(required = false) Instant parkedTo,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Filter filter = new Filter(reason, authorizationId, released, parkedFrom, parkedTo);
        return new Page(parked.list(filter, page, size), page, size, parked.count(filter));
    }

    @GetMapping("/{eventId}")
    public ResponseEntity<?> show(@PathVariable UUID eventId) {
        return parked.find(eventId, false).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(eventId));
    }

    @PostMapping("/{eventId}/release")
    public ResponseEntity<?> release(@PathVariable UUID eventId, @Valid @RequestBody ReleaseRequest request) {
        return switch (release.release(eventId, request.releasedBy(), request.reason())) {
            case DuplicateRelease.Result.Released r -> ResponseEntity.ok(new Released(r.row(), r.releasedEventId()));
            case DuplicateRelease.Result.NotFound n -> notFound(eventId);
            case DuplicateRelease.Result.NotReleasable n -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, n.why()));
        };
    }

    private static ResponseEntity<ProblemDetail> notFound(UUID eventId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no parked duplicate with event id " + eventId));
    }
}
