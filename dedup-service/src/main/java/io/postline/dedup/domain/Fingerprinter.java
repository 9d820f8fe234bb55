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
 *       acquirer, STAN, RRN, approval code, amount, currency, transmission time);</li>
 *   <li>{@link #contentHash}: all of its content but the time ingest received it, to tell an upstream
 *       resend from a modified request under the same authorization id.</li>
 * </ul>
 */
public final class Fingerprinter {
    private static final char SEPARATOR = '\u001f';
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
        return hmac(identity.getBytes(StandardCharsets.UTF_8));
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
