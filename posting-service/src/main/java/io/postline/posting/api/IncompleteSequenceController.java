package io.postline.posting.api;

import io.postline.posting.config.PostingProperties;
import io.postline.posting.store.IncompleteSequences;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Posting sequences still missing legs after the timeout (postline.posting.incomplete-after). */
@RestController
public class IncompleteSequenceController {
    private final IncompleteSequences sequences;
    private final PostingProperties properties;

    public IncompleteSequenceController(IncompleteSequences sequences, PostingProperties properties) {
        this.sequences = sequences;
        this.properties = properties;
    }

    public record IncompleteSequence(UUID postingSequenceId, String authorizationId, int legsPresent, int legCount,
                                     Instant since, Instant reportedAt) {
    }

    @GetMapping("/v1/posting-sequences/incomplete")
    public List<IncompleteSequence> incomplete(@RequestParam(defaultValue = "100") int limit) {
        return sequences.olderThan(properties.incompleteAfter(), false, Math.max(1, Math.min(limit, 1000))).stream()
                .map(i -> new IncompleteSequence(i.sequenceId(), i.authorizationId(), i.present(), i.expected(),
                        i.since(), i.reportedAt())).toList();
    }
}
