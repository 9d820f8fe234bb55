package io.postline.dedup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AuthorizationReceived;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.PanGuard;
import io.postline.events.SampleEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprinterTest {
    private final Fingerprinter fingerprinter = new Fingerprinter("a-test-secret-that-is-long-enough-0123456789");

    @Test
    void theAuthorizationIdAndIngestDetailsDoNotChangeTheFingerprint() {
        AuthorizationReceived a = SampleEvents.received("A");
        AuthorizationReceived b = new AuthorizationReceived("B", "other-source", a.cardToken(), a.acquirerId(),
                new Merchant("M-2", "Other name", "5999", "Leeds", "GB"), a.amount(), null, a.stan(), a.rrn(),
                a.approvalCode(), a.transmissionTime(), a.receivedAt().plusSeconds(5), null, null);
        assertThat(fingerprinter.fingerprint(b)).isEqualTo(fingerprinter.fingerprint(a));
    }

    @Test
    void everyIdentifyingFieldChangesIt() {
        AuthorizationReceived a = SampleEvents.received("A");
        String base = fingerprinter.fingerprint(a);
        assertThat(fingerprinter.fingerprint(with(a, new Money(1251, "GBP")))).isNotEqualTo(base);
        assertThat(fingerprinter.fingerprint(with(a, new Money(1250, "EUR")))).isNotEqualTo(base);
        assertThat(fingerprinter.fingerprint(new AuthorizationReceived("A", a.sourceId(), "CTK000002", a.acquirerId(),
                a.merchant(), a.amount(), null, a.stan(), a.rrn(), a.approvalCode(), a.transmissionTime(),
                a.receivedAt(), null, null))).isNotEqualTo(base);
        assertThat(fingerprinter.fingerprint(new AuthorizationReceived("A", a.sourceId(), a.cardToken(), a.acquirerId(),
                a.merchant(), a.amount(), null, "000999", a.rrn(), a.approvalCode(), a.transmissionTime(),
                a.receivedAt(), null, null))).isNotEqualTo(base);
    }

    @Test
    void itIsKeyedSoAnotherSecretGivesAnotherFingerprintAndNoCardDataShows() {
        AuthorizationReceived a = SampleEvents.received("A");
        String fp = fingerprinter.fingerprint(a);
        assertThat(new Fingerprinter("another-secret-that-is-long-enough-0123456789").fingerprint(a)).isNotEqualTo(fp);
        assertThat(fp).matches("[0-9a-f]{12}:[0-9a-f]{64}").doesNotContain(a.cardToken());
    }

    @Test
    void itLeadsWithTheTransmissionTimeSoFingerprintsSortInTheOrderTheAuthorizationsWereSent() {
        AuthorizationReceived a = SampleEvents.received("A");
        // 2026-11-20T10:15:30Z is 1,795,169,730,000 ms after the epoch: 1a1f8743dd0 in hex.
        assertThat(fingerprinter.fingerprint(a)).startsWith("01a1f8743dd0:");
        List<String> sent = new ArrayList<>();
        for (long ms : new long[] {0, 1, 999, 1_000, 86_400_000, 1_795_169_730_000L, 1_795_169_730_001L}) {
            sent.add(fingerprinter.fingerprint(sentAt(a, Instant.ofEpochMilli(ms))));
        }
        assertThat(sent).isSorted().doesNotHaveDuplicates();
        assertThat(fingerprinter.fingerprint(sentAt(a, Instant.ofEpochMilli(-1)))).as("before 1970: wider, still unique")
                .startsWith("ffffffffffffffff:").hasSize(81);
    }

    @Test
    void theContentHashIgnoresOnlyWhenIngestReceivedIt() {
        AuthorizationReceived a = SampleEvents.received("A");
        AuthorizationReceived later = new AuthorizationReceived("A", a.sourceId(), a.cardToken(), a.acquirerId(),
                a.merchant(), a.amount(), null, a.stan(), a.rrn(), a.approvalCode(), a.transmissionTime(),
                a.receivedAt().plusSeconds(60), null, null);
        AuthorizationReceived renamed = new AuthorizationReceived("A", a.sourceId(), a.cardToken(), a.acquirerId(),
                new Merchant("M-4711", "Other name", "5814", "London", "GB"), a.amount(), null, a.stan(), a.rrn(),
                a.approvalCode(), a.transmissionTime(), a.receivedAt(), null, null);
        assertThat(fingerprinter.contentHash(later)).isEqualTo(fingerprinter.contentHash(a));
        assertThat(fingerprinter.contentHash(renamed)).isNotEqualTo(fingerprinter.contentHash(a))
                .matches("[0-9a-f]{64}");
        assertThat(fingerprinter.fingerprint(renamed)).isEqualTo(fingerprinter.fingerprint(a));
    }

    @Test
    void noFingerprintReadsAsACardNumberToTheCardDataChecks() {
        AuthorizationReceived a = SampleEvents.received("A");
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            AuthorizationReceived b = new AuthorizationReceived("A", a.sourceId(), a.cardToken(), a.acquirerId(),
                    a.merchant(), new Money(random.nextLong(1, 10_000_000), "GBP"), null, a.stan(), a.rrn(),
                    a.approvalCode(), Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)), a.receivedAt(),
                    null, null);
            String fp = fingerprinter.fingerprint(b);
            assertThat(PanGuard.containsPan(fp)).as(fp).isFalse();
        }
    }

    private static AuthorizationReceived sentAt(AuthorizationReceived a, Instant transmissionTime) {
        return new AuthorizationReceived(a.authorizationId(), a.sourceId(), a.cardToken(), a.acquirerId(), a.merchant(),
                a.amount(), null, a.stan(), a.rrn(), a.approvalCode(), transmissionTime, a.receivedAt(), null, null);
    }

    private static AuthorizationReceived with(AuthorizationReceived a, Money amount) {
        return new AuthorizationReceived(a.authorizationId(), a.sourceId(), a.cardToken(), a.acquirerId(), a.merchant(),
                amount, null, a.stan(), a.rrn(), a.approvalCode(), a.transmissionTime(), a.receivedAt(), null, null);
    }
}
