package io.postline.stage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Accepts tokens named "good-…" (expiring at T0 + the number after the dash, in seconds); counts its calls. */
    private static final class CountingDecoder implements JwtDecoder {
        final List<String> checked = new ArrayList<>();

        @Override
        public Jwt decode(String token) {
            checked.add(token);
            if (!token.startsWith("good-")) {
                throw new BadJwtException("not a token this issuer signed");
            }
            Instant exp = T0.plusSeconds(Long.parseLong(token.substring(5)));
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("client").issuedAt(T0).expiresAt(exp)
                    .build();
        }
    }

    private final TestClock clock = new TestClock();
    private final CountingDecoder delegate = new CountingDecoder();
    private final VerifiedTokenCache cache = new VerifiedTokenCache(delegate, Duration.ofSeconds(60), 3, clock);

    @Test
    void aTokenVerifiedOnceIsTakenOnTrustUntilMaxAge() {
        Jwt first = cache.decode("good-600");
        clock.now = T0.plusSeconds(59);
        assertThat(cache.decode("good-600")).isSameAs(first);
        assertThat(delegate.checked).containsExactly("good-600");

        clock.now = T0.plusSeconds(60);
        cache.decode("good-600");
        assertThat(delegate.checked).containsExactly("good-600", "good-600");
    }

    @Test
    void aTokenIsCheckedAgainOnceItHasExpired() {
        cache.decode("good-10");
        clock.now = T0.plusSeconds(9);
        cache.decode("good-10");
        assertThat(delegate.checked).hasSize(1);

        clock.now = T0.plusSeconds(10);
        cache.decode("good-10"); // the delegate decides (its validators allow for clock skew)
        assertThat(delegate.checked).hasSize(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(delegate.checked).containsExactly("forged", "forged", "forged");
    }

    @Test
    void anotherTokenIsAnotherEntryAndTheCacheStaysBounded() {
        cache.decode("good-600");
        cache.decode("good-601");
        cache.decode("good-602");
        cache.decode("good-600");
        assertThat(delegate.checked).hasSize(3);

        cache.decode("good-603"); // the fourth distinct token empties the cache of three
        cache.decode("good-600");
        assertThat(delegate.checked).containsExactly("good-600", "good-601", "good-602", "good-603", "good-600");
    }

    @Test
    void settingsThatWouldDisableOrUnboundItAreRefused() {
        assertThatThrownBy(() -> new VerifiedTokenCache(delegate, Duration.ZERO, 10, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedTokenCache(delegate, Duration.ofSeconds(1), 0, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
