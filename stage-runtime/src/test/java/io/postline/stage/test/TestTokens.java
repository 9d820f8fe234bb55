package io.postline.stage.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Bearer tokens for tests: an RSA key pair made once per test JVM, its public key written to a file the
 * services are pointed at ({@link PostlineTestInfrastructure}), and JWTs with the scopes a test asks for.
 */
public final class TestTokens {
    /** Every scope: ingest, operator reads and operator actions. */
    public static final String ALL = "authorizations:write operations:read operations:write";
    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    /** {@code "Bearer <jwt>"} for a token with these space-separated scopes. */
    public static String bearer(String scopes) {
        return "Bearer " + jwt(scopes, Instant.now().plusSeconds(600));
    }

    /** A token of a named OAuth2 client ({@code client_id}), for per-client rules. */
    public static String bearer(String scopes, String clientId) {
        return "Bearer " + jwt(scopes, Instant.now().plusSeconds(600), clientId);
    }

    /** A token with these scopes that expired an hour ago. */
    public static String expired(String scopes) {
        return jwt(scopes, Instant.now().minusSeconds(3600));
    }

    public static String bearerAll() {
        return bearer(ALL);
    }

    static String jwt(String scopes, Instant expires) {
        return jwt(scopes, expires, "test-client");
    }

    static String jwt(String scopes, Instant expires, String clientId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .subject(clientId).claim("client_id", clientId).claim("scope", scopes).issueTime(new Date())
                    .expirationTime(Date.from(expires)).build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code file:} location of the public key, for spring.security.oauth2.resourceserver.jwt.public-key-location. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("postline-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
