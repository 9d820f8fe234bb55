package io.postline.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids: UUIDv5 (RFC 9562, SHA-1 name based) of the parent event id, the stage and
 * the output's index. Processing the same input again yields the same ids, which is what lets every
 * downstream inbox drop repeats and makes replays safe.
 */
public final class EventIds {

    /** Namespace of all Postline ids (itself a v5 id of "postline" in the URL namespace). */
    public static final UUID NAMESPACE = nameBased(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "postline");

    private EventIds() {
    }

    /** The id of output {@code index} that {@code stage} derives from {@code parent}. */
    public static UUID derive(UUID parent, String stage, int index) {
        return nameBased(NAMESPACE, parent + "/" + stage + "/" + index);
    }

    /** A name-based id within the Postline namespace, for things that are not derived from an event. */
    public static UUID of(String name) {
        return nameBased(NAMESPACE, name);
    }

    public static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
