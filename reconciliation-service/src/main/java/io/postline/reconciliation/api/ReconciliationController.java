package io.postline.reconciliation.api;

import io.postline.reconciliation.domain.PostedJournal;
import io.postline.reconciliation.domain.ReconStatus;
import io.postline.reconciliation.patch.OperatorRedrive;
import io.postline.reconciliation.report.EndOfDayReport;
import io.postline.reconciliation.report.EndOfDayReports;
import io.postline.reconciliation.store.ReconItems;
import io.postline.reconciliation.store.ReconPatches;
import io.postline.reconciliation.store.ReconPatches.PatchRecord;
import io.postline.events.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reconciliation's operator API: summary, items, breaks, patches, re-drive, end-of-day reports. */
@RestController
@RequestMapping("/v1/reconciliation")
public class ReconciliationController {
    private static final Set<ReconStatus> BREAKS = Arrays.stream(ReconStatus.values()).filter(ReconStatus::isBreak)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReconStatus.class)));
    private final ReconItems items;
    private final ReconPatches patches;
    private final EndOfDayReports reports;
    private final OperatorRedrive redrives;

    public ReconciliationController(ReconItems items, ReconPatches patches, EndOfDayReports reports,
                                    OperatorRedrive redrives) {
        this.items = items;
        this.patches = patches;
        this.reports = reports;
        this.redrives = redrives;
    }

    /** Counts per status; {@code openBreaks} is what auto-patch has not (yet) resolved. */
    public record Summary(long authorizations, long matched, long awaitingPosting, long parkedDuplicates, long held,
                          long rejected, long missingPostings, long amountMismatches, long duplicatePostings,
                          long orphanPostings, long heldTooLong, long openBreaks, Map<String, Long> patchesByKind,
                          Instant asOf) {
    }

    public record Item(String authorizationId, ReconStatus status, LocalDate businessDate, Money expected,
                       Instant receivedAt, int receivedCount, boolean parkedDuplicate, Object held,
                       List<PostedJournal> journals, int patchAttempts, Instant lastPatchAt, boolean reviewRequired,
                       Instant updatedAt, List<PatchRecord> patches) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    @GetMapping("/summary")
    public Summary summary() {
        Map<ReconStatus, Long> c = items.countByStatus();
        long all = c.values().stream().mapToLong(Long::longValue).sum();
        long breaks = c.entrySet().stream().filter(e -> e.getKey().isBreak()).mapToLong(Map.Entry::getValue).sum();
        return new Summary(all, c.get(ReconStatus.MATCHED), c.get(ReconStatus.AWAITING_POSTING),
                c.get(ReconStatus.PARKED_DUPLICATE), c.get(ReconStatus.HELD), c.get(ReconStatus.REJECTED),
                c.get(ReconStatus.MISSING_POSTING), c.get(ReconStatus.AMOUNT_MISMATCH),
                c.get(ReconStatus.DUPLICATE_POSTING), c.get(ReconStatus.ORPHAN_POSTING), c.get(ReconStatus.HELD_TOO_LONG),
                breaks, patches.countByKind(null), Instant.now());
    }

    @GetMapping("/items/{authorizationId}")
    public ResponseEntity<?> item(@PathVariable String authorizationId) {
        return items.find(authorizationId).<ResponseEntity<?>>map(s -> ResponseEntity.ok(item(s)))
                .orElseGet(() -> notFound(authorizationId));
    }

    /** Open breaks, oldest first; {@code class} narrows to break classes, {@code businessDate} to one date. */
    @GetMapping("/breaks")
    public ResponseEntity<?> breaks(@RequestParam(name = "class", required = false) List<String> classes,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate businessDate,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        Set<ReconStatus> wanted = EnumSet.noneOf(ReconStatus.class);
        for (String c : classes == null ? List.<String>of() : classes) {
            ReconStatus s = Arrays.stream(ReconStatus.values()).filter(v -> v.name().equals(c)).findFirst().orElse(null);
            if (s == null || !s.isBreak()) {
                return badRequest("class must be one of " + BREAKS);
            }
            wanted.add(s);
        }
        if (page < 0 || size < 1 || size > 500) {
            return badRequest("page must be at least 0 and size between 1 and 500");
        }
        Set<ReconStatus> statuses = wanted.isEmpty() ? BREAKS : wanted;
        return ResponseEntity.ok(new Page<>(items.page(statuses, businessDate, page, size).stream().map(this::item)
                .toList(), page, size, items.count(statuses, businessDate)));
    }

    @GetMapping("/patches")
    public ResponseEntity<?> patches(@RequestParam(required = false) String authorizationId,
                                     @RequestParam(required = false) String kind,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                     LocalDate businessDate,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            return badRequest("page must be at least 0 and size between 1 and 500");
        }
        return ResponseEntity.ok(patches.page(authorizationId, kind, businessDate, page, size));
    }

    /** An operator's re-drive: the same mechanism as auto-patch, audited under the operator's name. */
    @PostMapping("/items/{authorizationId}/redrive")
    public ResponseEntity<?> redrive(@PathVariable String authorizationId,
                                     @RequestHeader(value = "X-Changed-By", required = false) String by,
                                     @RequestHeader(value = "X-Change-Reason", required = false) String why) {
        if (by == null || by.isBlank() || why == null || why.isBlank()) {
            return badRequest("X-Changed-By and X-Change-Reason are required: every patch is audited");
        }
        return switch (redrives.redrive(authorizationId, by, why)) {
            case UNKNOWN -> notFound(authorizationId);
            case NOT_POSSIBLE -> {
                ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        "this authorization cannot be re-driven now: its received event is not kept "
                                + "or this attempt was already made");
                p.setTitle("Re-drive not possible");
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(p);
            }
            case REDRIVEN -> ResponseEntity.accepted().body(item(items.find(authorizationId).orElseThrow()));
        };
    }

    /**
     * Re-drives every authorization received in [from, to) that still waits for its posting (or has one of the
     * given statuses), at most {@link OperatorRedrive#MAX_RANGE} per call.
     */
    @PostMapping("/redrive")
    public ResponseEntity<?> redriveRange(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                          @RequestParam(required = false) List<String> status,
                                          @RequestHeader(value = "X-Changed-By", required = false) String by,
                                          @RequestHeader(value = "X-Change-Reason", required = false) String why) {
        if (by == null || by.isBlank() || why == null || why.isBlank()) {
            return badRequest("X-Changed-By and X-Change-Reason are required: every patch is audited");
        }
        if (!from.isBefore(to)) {
            return badRequest("from must be before to");
        }
        Set<ReconStatus> statuses = EnumSet.of(ReconStatus.AWAITING_POSTING, ReconStatus.MISSING_POSTING);
        if (status != null && !status.isEmpty()) {
            try {
                statuses = status.stream().map(ReconStatus::valueOf).collect(Collectors.toCollection(
                        () -> EnumSet.noneOf(ReconStatus.class)));
            } catch (IllegalArgumentException e) {
                return badRequest("status must be one of " + Arrays.toString(ReconStatus.values()));
            }
        }
        return ResponseEntity.accepted().body(redrives.redrive(from, to, statuses, by, why));
    }

    @GetMapping(value = "/reports/{businessDate}", produces = MediaType.APPLICATION_JSON_VALUE)
    public EndOfDayReport report(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessDate) {
        return reports.of(businessDate);
    }

    @GetMapping(value = "/reports/{businessDate}", produces = "text/csv")
    public ResponseEntity<String> reportCsv(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                            LocalDate businessDate) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"reconciliation-" + businessDate + ".csv\"")
                .body(reports.of(businessDate).toCsv());
    }

    private Item item(ReconItems.Stored s) {
        var i = s.item();
        return new Item(i.authorizationId(), s.status(), s.businessDate(), i.expected(), i.receivedAt(),
                i.receivedCount(), i.parkedDuplicate(), i.held(), i.journals(), i.patchAttempts(), i.lastPatchAt(),
                i.reviewRequired(), s.updatedAt(), patches.page(i.authorizationId(), null, null, 0, 100));
    }

    private static ResponseEntity<?> notFound(String authorizationId) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "reconciliation knows no authorization with this id");
        p.setTitle("Unknown authorization");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
    }

    private static ResponseEntity<?> badRequest(String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setTitle("Invalid request");
        return ResponseEntity.badRequest().body(p);
    }
}
