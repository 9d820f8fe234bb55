package io.postline.events;

/** An event that cannot be read: a poison record, never retried, sent to the topic's DLT. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEventException(String message) {
        super(message);
    }
}
