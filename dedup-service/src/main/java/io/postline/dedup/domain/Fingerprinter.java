package io.postline.dedup.domain;

import io.postline.events.AuthorizationReceived;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The business identity of an authorization: HMAC-SHA-256 under a secret key over the fields that
 * identify it (card token, acquirer, STAN, RRN, approval code, amount, currency, transmission time). Keyed,
 * so a fingerprint reveals nothing about the card even to someone who can enumerate tokens.
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
        return HexFormat.of().formatHex(mac.get().doFinal(identity.getBytes(StandardCharsets.UTF_8)));
    }
}
