package io.postline.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Dev-only bearer tokens for the local stack. On first start the stack generates an RSA key pair in
 * {@code .local/dev-jwt/} (never committed, gone with {@code --fresh}); the services trust its public key,
 * and {@code local-stack/token.sh} signs tokens with the private one. A production deployment points the
 * services at its identity provider instead (docs/operations.md).
 */
public final class DevTokens {
    public static final String ALL_SCOPES = "authorizations:write operations:read operations:write";
    private final Path dir;
    private final PrivateKey privateKey;

    private DevTokens(Path dir, PrivateKey privateKey) {
        this.dir = dir;
        this.privateKey = privateKey;
    }

    /** The key pair in {@code dir}, generated there first if it is not. */
    public static DevTokens in(Path dir) {
        try {
            Path priv = dir.resolve("private.pem");
            if (!Files.exists(priv)) {
                Files.createDirectories(dir);
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair pair = g.generateKeyPair();
                Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            String body = Files.readString(priv).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new DevTokens(dir, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the dev signing key in " + dir, e);
        }
    }

    public Path publicKey() {
        return dir.resolve("public.pem");
    }

    /** A signed JWT (RS256) with these space-separated scopes. */
    public String mint(String scopes, String subject, Duration ttl) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"scope\":\"" + scopes + "\",\"iat\":" + now
                + ",\"exp\":" + (now + ttl.toSeconds()) + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String bearer(String scopes) {
        return "Bearer " + mint(scopes, "local-dev", Duration.ofHours(12));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** {@code token.sh}: prints a token for the scopes given (all by default), valid for 12 hours; makes the key if needed. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : ".local/dev-jwt");
        if (!Files.exists(dir.resolve("private.pem"))) {
            System.err.println("Created a dev-only signing key in " + dir + " (services started from now on trust it).");
        }
        String scopes = args.length > 1 ? args[1] : ALL_SCOPES;
        System.out.println(in(dir).mint(scopes, "local-dev", Duration.ofHours(12)));
    }
}
