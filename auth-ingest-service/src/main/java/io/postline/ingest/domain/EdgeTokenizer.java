package io.postline.ingest.domain;

import io.postline.events.Luhn;
import java.util.Map;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Edge tokenization of PANs with FF1 format-preserving encryption (NIST SP 800-38G, AES): a token has the
 * PAN's length, all digits, fails the Luhn check (so no PAN check mistakes it for a card number) and
 * carries the key version, so tokens outlive a key rotation.
 * <pre>
 *   token = FF1_key(v)(PAN without its check digit) + d,   d = (Luhn digit of that body + 1 + v) mod 10
 * </pre>
 * The PAN's check digit carries no information (it follows from the other digits), so nothing is lost;
 * {@code d} can never be the body's correct Luhn digit because {@code 1 + v} is 1..9 for versions 0..8.
 */
public final class EdgeTokenizer {
    private final Map<Integer, byte[]> keys;
    private final int currentVersion;
    private final byte[] tweak;

    /**
     * @param keys           AES keys (16, 24 or 32 bytes) by version 0..8
     * @param currentVersion the version new tokens are made with
     */
    public EdgeTokenizer(Map<Integer, byte[]> keys, int currentVersion, byte[] tweak) {
        keys.forEach((v, k) -> {
            if (v < 0 || v > 8) {
                throw new IllegalArgumentException("key versions are 0..8, not " + v);
            }
            if (k.length != 16 && k.length != 24 && k.length != 32) {
                throw new IllegalArgumentException("key version " + v + " is not an AES-128/192/256 key");
            }
        });
        if (!keys.containsKey(currentVersion)) {
            throw new IllegalArgumentException("there is no key of the current version " + currentVersion);
        }
        this.keys = Map.copyOf(keys);
        this.currentVersion = currentVersion;
        this.tweak = tweak.clone();
    }

    public String tokenize(String pan) {
        if (!pan.matches("[0-9]{13,19}") || !Luhn.valid(pan, 0, pan.length())) {
            throw new IllegalArgumentException("not a PAN");
        }
        String body = ff1(true, currentVersion, pan.substring(0, pan.length() - 1));
        return body + (char) ('0' + Math.floorMod(Luhn.checkDigit(body) + 1 + currentVersion, 10));
    }

    public String detokenize(String token) {
        if (!token.matches("[0-9]{13,19}")) {
            throw new IllegalArgumentException("not a token");
        }
        String body = token.substring(0, token.length() - 1);
        int version = Math.floorMod(token.charAt(token.length() - 1) - '0' - Luhn.checkDigit(body) - 1, 10);
        if (!keys.containsKey(version)) {
            throw new IllegalArgumentException("no key of version " + version);
        }
        String panBody = ff1(false, version, body);
        return panBody + (char) ('0' + Luhn.checkDigit(panBody));
    }

    public static int versionOf(String token) {
        String body = token.substring(0, token.length() - 1);
        return Math.floorMod(token.charAt(token.length() - 1) - '0' - Luhn.checkDigit(body) - 1, 10);
    }

    /** Shows at most the first six and last four digits. */
    public static String mask(String pan) {
        int shown = Math.min(6, Math.max(0, pan.length() - 4 - 3)); // keep at least three digits hidden
        return pan.substring(0, shown) + "*".repeat(pan.length() - shown - 4) + pan.substring(pan.length() - 4);
    }

    private String ff1(boolean encrypt, int version, String digits) {
        byte[] in = new byte[digits.length()];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) (digits.charAt(i) - '0');
        }
        FPEFF1Engine engine = new FPEFF1Engine();
        engine.init(encrypt, new FPEParameters(new KeyParameter(keys.get(version)), 10, tweak));
        byte[] out = new byte[in.length];
        engine.processBlock(in, 0, in.length, out, 0);
        StringBuilder s = new StringBuilder(out.length);
        for (byte b : out) {
            s.append((char) ('0' + b));
        }
        return s.toString();
    }
}
