package io.postline.dedup.domain;

import io.postline.events.AuthorizationReceived;
import io.postline.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA-256 under a secret) of an authorization, never a plain hash of card data:
 * <ul>
 *   <li>{@link #fingerprint}: its business identity, over the fields that identify it (card token,
 *       acquirer, STAN, RRN, approval code, amount, currency, transmission time), led by the transmission
 *       time ({@link #timeKey}) and a colon, which keeps the hash a 64-digit digest that the card-data checks
 *       ({@link io.postline.events.PanGuard}) set aside: joined to the time, its digit stretches read as numbers;</li>
 *   <li>{@link #contentHash}: all of its content but the time ingest received it, to tell an upstream
 *       resend from a modified request under the same authorization id.</li>
 * </ul>
 */
public final class Fingerprinter {
    private static final char SEPARATOR = '\u001f';
    private static final int TIME_KEY_DIGITS = 12;
    private final ThreadLocal<Mac> mac;

    public Fingerprinter(String secret) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
    }

    public String fingerprint(AuthorizationReceived a) {
        String identity = String.join(String.valueOf(SEPARATOR), a.cardToken(), a.acquirerId(), a.stan(), a.rrn(),
                a.approvalCode(), Long.toString(a.amount().amountMinor()), a.amount().currency(),
                Long.toString(a.transmissionTime().toEpochMilli()));
        return timeKey(a.transmissionTime()) + ':' + hmac(identity.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The transmission time as epoch milliseconds in hex, at least 12 digits (in time order as text until the
     * year 10889). A keyed hash alone is random, so every look-up and insert in the window's primary-key index
     * read its own page, and the index of a day's fingerprints outgrows the database's cache; led by this, the
     * fingerprints of authorizations sent close together sit on neighbouring pages (docs/benchmarks.md,
     * forty-fourth round). Two authorizations with one fingerprint have one transmission time, so it takes
     * nothing from the match. Dedup's migration V4 gives stored fingerprints the same key.
     */
    static String timeKey(Instant transmissionTime) {
        String hex = Long.toHexString(transmissionTime.toEpochMilli());
        return hex.length() >= TIME_KEY_DIGITS ? hex : "0".repeat(TIME_KEY_DIGITS - hex.length()) + hex;
    }

    public String contentHash(AuthorizationReceived a) {
        AuthorizationReceived content = new AuthorizationReceived(a.authorizationId(), a.sourceId(), a.cardToken(),
                a.acquirerId(), a.merchant(), a.amount(), a.billingAmount(), a.stan(), a.rrn(), a.approvalCode(),
                a.transmissionTime(), Instant.EPOCH, a.lifecycleId(), a.transactionType());
        return hmac(EventJson.write(content));
    }

    private String hmac(byte[] input) {
        return HexFormat.of().formatHex(mac.get().doFinal(input));
    }
}
