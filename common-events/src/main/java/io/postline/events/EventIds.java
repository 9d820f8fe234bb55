package io.postline.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Event ids: time-ordered at the root, deterministic below it.
 * <ul>
 *   <li>{@link #timeOrdered()}: a root event's id, UUIDv7 (RFC 9562): Unix milliseconds, then random bits.</li>
 *   <li>{@link #derive}: the id of an output, UUIDv8 (RFC 9562, custom layout). Its first 64 bits carry the
 *       parent's 60-bit order key plus the output's index; the last 62 bits are SHA-1 of (parent, stage,
 *       index). Processing the same input again yields the same ids, which lets every downstream inbox drop
 *       repeats and makes replays safe.</li>
 * </ul>
 * Why ordered: every stage keeps these ids in B-tree indexes (inbox, outbox). Random ids scatter each insert
 * over the whole index, so after every checkpoint most of its pages are written to the WAL again in full;
 * ordered ids land at the right edge, where a few hot pages take them (docs/benchmarks.md).
 * <p>
 * The order key of an id is its first 64 bits without the 4 version bits. Lines of a file derive from the
 * job's id with their line number as index, so a million lines stay in file order too.
 */
public final class EventIds {

    /** Namespace of name-based ids (itself a v5 id of "postline" in the URL namespace). */
    public static final UUID NAMESPACE = nameBased(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "postline");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long ORDER_KEY_MASK = (1L << 60) - 1;

    private EventIds() {
    }

    /** A new root id: UUIDv7, ordered by its creation millisecond. */
    public static UUID timeOrdered() {
        return timeOrdered(System.currentTimeMillis());
    }

    static UUID timeOrdered(long epochMillis) {
        long msb = (epochMillis << 16) | 0x7000L | (RANDOM.nextInt() & 0xFFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The id of output {@code index} that {@code stage} derives from {@code parent}: ordered after the parent. */
    public static UUID derive(UUID parent, String stage, int index) {
        return derive(parent, stage, (long) index);
    }

    /** As {@link #derive(UUID, String, int)}, for large indexes such as the line numbers of a file. */
    public static UUID derive(UUID parent, String stage, long index) {
        byte[] hash = sha1(NAMESPACE, parent + "/" + stage + "/" + index);
        long orderKey = (orderKey(parent) + index) & ORDER_KEY_MASK;
        long msb = ((orderKey >>> 12) << 16) | 0x8000L | (orderKey & 0xFFFL);
        long lsb = (ByteBuffer.wrap(hash, 8, 8).getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** A name-based id within the Postline namespace, for things that are not derived from an event. */
    public static UUID of(String name) {
        return nameBased(NAMESPACE, name);
    }

    /** UUIDv5 (RFC 9562, SHA-1 name based). */
    public static UUID nameBased(UUID namespace, String name) {
        byte[] hash = sha1(namespace, name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** The id's first 64 bits without its version: its place in index order. */
    static long orderKey(UUID id) {
        long msb = id.getMostSignificantBits();
        return ((msb >>> 16) << 12) | (msb & 0xFFFL);
    }

    private static byte[] sha1(UUID namespace, String name) {
        MessageDigest sha1 = namespace.equals(NAMESPACE) ? PostlineNamespace.copy() : digestAfter(namespace);
        return sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest digestAfter(UUID namespace) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        return sha1;
    }

    /**
     * A digest that has taken {@link #NAMESPACE}, copied for each derived id: looking SHA-1 up among the
     * security providers for every id was 0.7 % of the services' CPU (JFR, batch-file benchmark). A holder
     * class, because NAMESPACE is itself computed through {@link #sha1} when EventIds is initialized.
     */
    private static final class PostlineNamespace {
        private static final MessageDigest PRIMED = digestAfter(NAMESPACE);

        static MessageDigest copy() {
            try {
                // Cloning only reads PRIMED, which nothing updates after this class is initialized, so threads may
                // clone it at once.
                return (MessageDigest) PRIMED.clone();
            } catch (CloneNotSupportedException e) {
                return digestAfter(NAMESPACE);
            }
        }
    }
}
