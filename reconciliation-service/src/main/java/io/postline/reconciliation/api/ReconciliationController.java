package io.postline.reconciliation.api;

import io.postline.reconciliation.domain.ReconItem;
import io.postline.reconciliation.domain.ReconStatus;
import io.postline.reconciliation.store.ReconItems;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/reconciliation")
public class ReconciliationController {
    private final ReconItems items;

    public ReconciliationController(ReconItems items) {
        this.items = items;
    }

    /** Counts per status; {@code openBreaks} is what needs an operator. */
    public record Summary(long authorizations, long matched, long awaitingPosting, long parkedDuplicates, long held,
                          long amountMismatches, long duplicatePostings, long orphanPostings, long openBreaks,
                          Instant asOf) {
    }

    public record Item(String authorizationId, ReconStatus status, ReconItem facts) {
    }

    @GetMapping("/summary")
    public Summary summary() {
        Map<ReconStatus, Long> c = items.countByStatus();
        long all = c.values().stream().mapToLong(Long::longValue).sum();
        long breaks = c.entrySet().stream().filter(e -> e.getKey().isBreak()).mapToLong(Map.Entry::getValue).sum();
        return new Summary(all, c.get(ReconStatus.MATCHED), c.get(ReconStatus.AWAITING_POSTING),
                c.get(ReconStatus.PARKED_DUPLICATE), c.get(ReconStatus.HELD), c.get(ReconStatus.AMOUNT_MISMATCH),
                c.get(ReconStatus.DUPLICATE_POSTING), c.get(ReconStatus.ORPHAN_POSTING), breaks, Instant.now());
    }

    @GetMapping("/items/{authorizationId}")
    public ResponseEntity<?> item(@PathVariable String authorizationId) {
        return items.find(authorizationId)
                .<ResponseEntity<?>>map(i -> ResponseEntity.ok(new Item(i.authorizationId(), i.status(), i)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "reconciliation knows no authorization with this id")));
    }
}
