package io.postline.dedup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.dedup.domain.DuplicateDetector.Candidate;
import io.postline.dedup.domain.DuplicateDetector.Decision;
import io.postline.dedup.domain.DuplicateDetector.Original;
import io.postline.events.DuplicateReason;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DuplicateDetectorTest {
    private static final Original KNOWN_A = new Original("A", UUID.fromString("00000000-0000-0000-0000-00000000000a"));

    static Candidate c(String authorizationId, String fingerprint) {
        return new Candidate(UUID.nameUUIDFromBytes((authorizationId + fingerprint).getBytes()), authorizationId,
                fingerprint);
    }

    /** batch, fingerprints known from the store, expected outcome per candidate ("unique" or reason:original). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("first of its kind", List.of(c("A", "fa")), Map.of(), List.of("unique")),
                Arguments.of("different id, same fingerprint as a stored one",
                        List.of(c("B", "fa")), Map.of("fa", KNOWN_A), List.of("BUSINESS_DUPLICATE:A")),
                Arguments.of("same id, same content as a stored one (upstream resend)",
                        List.of(c("A", "fa")), Map.of("fa", KNOWN_A), List.of("SAME_ID_SAME_CONTENT:A")),
                Arguments.of("duplicate of one earlier in the same batch",
                        List.of(c("A", "fa"), c("B", "fa")), Map.of(), List.of("unique", "BUSINESS_DUPLICATE:A")),
                Arguments.of("different fingerprints are independent",
                        List.of(c("A", "fa"), c("B", "fb")), Map.of("fc", KNOWN_A), List.of("unique", "unique")),
                Arguments.of("three alike: the first wins, both later ones point at it",
                        List.of(c("X", "fx"), c("Y", "fx"), c("Z", "fx")), Map.of(),
                        List.of("unique", "BUSINESS_DUPLICATE:X", "BUSINESS_DUPLICATE:X")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, List<Candidate> batch, Map<String, Original> known, List<String> expected) {
        List<String> outcome = DuplicateDetector.decide(batch, known).stream().map(d -> switch (d) {
            case Decision.Unique u -> "unique";
            case Decision.Duplicate dup -> dup.reason().name() + ":" + dup.original().authorizationId();
        }).toList();
        assertThat(outcome).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCandidateGetsExactlyOneDecisionInOrder(String name, List<Candidate> batch, Map<String, Original> known,
                                                     List<String> expected) {
        assertThat(DuplicateDetector.decide(batch, known)).extracting(Decision::candidate).isEqualTo(batch);
        assertThat(DuplicateReason.values()).isNotEmpty();
    }
}
