package io.postline.dedup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.dedup.domain.DuplicateDetector.Candidate;
import io.postline.dedup.domain.DuplicateDetector.Decision;
import io.postline.dedup.domain.DuplicateDetector.Original;
import io.postline.dedup.domain.DuplicateDetector.SeenAuthorization;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DuplicateDetectorTest {
    private static final UUID E_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final Map<String, SeenAuthorization> A_SEEN = Map.of("A", new SeenAuthorization(E_A, "content-a"));
    private static final Map<String, Original> FA_SEEN = Map.of("fa", new Original("A", E_A));

    /** authorization id, fingerprint, content hash */
    static Candidate c(String id, String fingerprint, String content) {
        return new Candidate(UUID.nameUUIDFromBytes((id + fingerprint + content).getBytes()), id, fingerprint, content);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("first of its kind", List.of(c("A", "fa", "content-a")), Map.of(), Map.of(),
                        List.of("unique")),
                Arguments.of("(b) same id, same content as stored: an upstream resend",
                        List.of(c("A", "fa", "content-a")), A_SEEN, FA_SEEN, List.of("SAME_ID_SAME_CONTENT")),
                Arguments.of("(c) same id, other content than stored: a modified request",
                        List.of(c("A", "fx", "content-a2")), A_SEEN, FA_SEEN, List.of("SAME_ID_DIFFERENT_CONTENT")),
                Arguments.of("(d) other id, same fingerprint as stored: a business duplicate",
                        List.of(c("B", "fa", "content-b")), A_SEEN, FA_SEEN, List.of("BUSINESS_DUPLICATE:A")),
                Arguments.of("a fingerprint only counts within the window: nothing known, so unique",
                        List.of(c("B", "fa", "content-b")), Map.of(), Map.of(), List.of("unique")),
                Arguments.of("duplicate of one earlier in the same batch",
                        List.of(c("A", "fa", "content-a"), c("B", "fa", "content-b")), Map.of(), Map.of(),
                        List.of("unique", "BUSINESS_DUPLICATE:A")),
                Arguments.of("resend and conflict of one earlier in the same batch",
                        List.of(c("A", "fa", "content-a"), c("A", "fa", "content-a"), c("A", "fz", "content-z")),
                        Map.of(), Map.of(), List.of("unique", "SAME_ID_SAME_CONTENT", "SAME_ID_DIFFERENT_CONTENT")),
                Arguments.of("a resend of a parked business duplicate is a resend, not parked again",
                        List.of(c("B", "fa", "content-b"), c("B", "fa", "content-b")), A_SEEN, FA_SEEN,
                        List.of("BUSINESS_DUPLICATE:A", "SAME_ID_SAME_CONTENT")),
                Arguments.of("the id check comes before the fingerprint check",
                        List.of(c("A", "fa", "content-other")), A_SEEN, FA_SEEN, List.of("SAME_ID_DIFFERENT_CONTENT")),
                Arguments.of("three alike: the first wins, both later ones point at it",
                        List.of(c("X", "fx", "1"), c("Y", "fx", "2"), c("Z", "fx", "3")), Map.of(), Map.of(),
                        List.of("unique", "BUSINESS_DUPLICATE:X", "BUSINESS_DUPLICATE:X")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, List<Candidate> batch, Map<String, SeenAuthorization> ids, Map<String, Original> fps,
                 List<String> expected) {
        List<Decision> decisions = DuplicateDetector.decide(batch, ids, fps);
        assertThat(decisions).extracting(Decision::candidate).isEqualTo(batch);
        assertThat(decisions.stream().map(d -> switch (d) {
            case Decision.Unique u -> "unique";
            case Decision.Resend r -> d.reason().name();
            case Decision.Conflict co -> d.reason().name();
            case Decision.BusinessDuplicate b -> d.reason().name() + ":" + b.original().authorizationId();
        }).toList()).isEqualTo(expected);
    }
}
