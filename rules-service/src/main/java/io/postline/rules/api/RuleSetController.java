package io.postline.rules.api;

import io.postline.rules.domain.RuleSetCompiler;
import io.postline.rules.store.ActiveRuleSet;
import io.postline.rules.store.RuleSetVersions;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator API over the versioned rule set (docs/rules.md). */
@RestController
@RequestMapping("/v1/rule-sets")
public class RuleSetController {
    private final RuleSetVersions versions;
    private final ActiveRuleSet active;

    public RuleSetController(RuleSetVersions versions, ActiveRuleSet active) {
        this.versions = versions;
        this.active = active;
    }

    public record Saved(int version) {
    }

    @GetMapping
    public List<RuleSetVersions.Version> history() {
        return versions.history();
    }

    @GetMapping("/active")
    public RuleSetVersions.Version active() {
        return versions.find(Integer.parseInt(active.current().version())).orElseThrow();
    }

    @GetMapping("/{version}")
    public ResponseEntity<?> version(@PathVariable int version) {
        return versions.find(version).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        "no rule set version " + version)));
    }

    /** Validates the whole set; saves it as the next version and puts it in force, or answers 422 with every problem. */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @Transactional
    public ResponseEntity<?> save(@RequestBody String yaml, @RequestHeader("X-Changed-By") String changedBy,
                                  @RequestHeader("X-Change-Reason") String reason) {
        if (changedBy.isBlank() || reason.isBlank()) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "X-Changed-By and X-Change-Reason are required: every change is audited"));
        }
        return switch (active.compile("candidate", yaml)) {
            case RuleSetCompiler.Result.Invalid invalid -> {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                        invalid.problems().size() + " problem(s); nothing was saved");
                problem.setTitle("Invalid rule set");
                problem.setProperty("errors", invalid.problems());
                yield ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
            }
            case RuleSetCompiler.Result.Compiled compiled -> {
                int version = versions.save(yaml, compiled.ruleSet().description(), changedBy, reason);
                active.reload();
                yield ResponseEntity.created(URI.create("/v1/rule-sets/" + version)).body(new Saved(version));
            }
        };
    }
}
