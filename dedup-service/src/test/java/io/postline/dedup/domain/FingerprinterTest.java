package io.postline.dedup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AuthorizationReceived;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.SampleEvents;
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
        assertThat(fp).matches("[0-9a-f]{64}").doesNotContain(a.cardToken());
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

    private static AuthorizationReceived with(AuthorizationReceived a, Money amount) {
        return new AuthorizationReceived(a.authorizationId(), a.sourceId(), a.cardToken(), a.acquirerId(), a.merchant(),
                amount, null, a.stan(), a.rrn(), a.approvalCode(), a.transmissionTime(), a.receivedAt(), null, null);
    }
}
