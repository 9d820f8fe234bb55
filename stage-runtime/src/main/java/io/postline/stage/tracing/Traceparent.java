package io.postline.stage.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context header ({@code traceparent}, version 00): which trace an event belongs to and which
 * span caused it. Parsing is strict, so a malformed header from a client is dropped rather than carried on.
 */
public record Traceparent(String traceId, String parentId, boolean sampled) {
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    public Traceparent {
        if (!traceId.matches("[0-9a-f]{32}") || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("trace id must be 32 lower-case hex digits, not all zero");
        }
        if (!parentId.matches("[0-9a-f]{16}") || parentId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("parent id must be 16 lower-case hex digits, not all zero");
        }
    }

    /** The header value, or empty if it is absent or not a valid version-00 header. */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(header.trim());
        if (!m.matches() || m.group(1).equals(ZERO_TRACE) || m.group(2).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        boolean sampled = (HexFormat.fromHexDigits(m.group(3)) & 1) == 1;
        return Optional.of(new Traceparent(m.group(1), m.group(2), sampled));
    }

    /** A new trace with a random id: used where no tracer is there to start one. */
    public static Traceparent newTrace() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        do {
            RANDOM.nextBytes(trace);
            RANDOM.nextBytes(span);
        } while (isZero(trace) || isZero(span));
        return new Traceparent(HexFormat.of().formatHex(trace), HexFormat.of().formatHex(span), false);
    }

    /** The same trace and sampling decision under a new random parent (span) id: a child of this one. */
    public Traceparent child() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return new Traceparent(traceId, HexFormat.of().toHexDigits(id), sampled);
    }

    public String header() {
        return "00-" + traceId + "-" + parentId + (sampled ? "-01" : "-00");
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
