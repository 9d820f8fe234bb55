package io.postline.ingest.validation;

/** One problem with one field: names the field, never repeats its value. */
public record FieldError(String field, String message) {
}
