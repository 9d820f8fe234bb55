package io.postline.stage.replay;

import io.postline.stage.replay.DeadLetterReplay.DeadLetter;
import io.postline.stage.replay.DeadLetterReplay.Filter;
import io.postline.stage.replay.DeadLetterReplay.Replayed;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every stage's dead letters, for operators (docs/operations.md, "Replay"): list them, and replay them after
 * a fix. Reading needs {@code operations:read}, replaying {@code operations:write} and who and why.
 */
@RestController
public class DeadLetterController {
    private final DeadLetterReplay replay;

    public DeadLetterController(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @GetMapping("/v1/dead-letters")
    public List<DeadLetter> list(@RequestParam(required = false) String authorizationId,
                                 @RequestParam(required = false) String reason,
                                 @RequestParam(defaultValue = "100") int limit) {
        return replay.find(new Filter(authorizationId, reason), Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/v1/dead-letters/replay")
    public ResponseEntity<?> replay(@RequestParam(required = false) String authorizationId,
                                    @RequestParam(required = false) String reason,
                                    @RequestParam(defaultValue = "false") boolean all,
                                    @RequestHeader(value = "X-Changed-By", required = false) String by,
                                    @RequestHeader(value = "X-Change-Reason", required = false) String why) {
        if (by == null || by.isBlank() || why == null || why.isBlank()) {
            return problem("X-Changed-By and X-Change-Reason are required: every replay is audited");
        }
        if (!all && authorizationId == null && reason == null) {
            return problem("name what to replay: authorizationId, reason, or all=true");
        }
        Replayed done = replay.replay(new Filter(authorizationId, reason), by, why);
        return ResponseEntity.ok(done);
    }

    private static ResponseEntity<ProblemDetail> problem(String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setType(java.net.URI.create("https://postline.io/problems/invalid-request"));
        return ResponseEntity.badRequest().body(p);
    }
}
