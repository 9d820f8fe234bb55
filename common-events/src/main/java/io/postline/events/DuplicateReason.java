package io.postline.events;

/** Why dedup parked an authorization. */
public enum DuplicateReason {
    /** A different authorization id with the same identifying fields within the window. */
    BUSINESS_DUPLICATE,
    /** The same authorization id again with identical content: a resend from upstream. */
    SAME_ID_SAME_CONTENT,
    /** The same authorization id with different content: a modified request, never forwarded. */
    SAME_ID_DIFFERENT_CONTENT
}
