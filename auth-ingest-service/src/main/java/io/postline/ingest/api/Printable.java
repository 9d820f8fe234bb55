package io.postline.ingest.api;

import io.postline.events.PrintableText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text by {@link PrintableText}'s rule, the one the events enforce: checked here so
 * the sender gets a problem detail naming the field instead of an event no stage could write out.
 * Null passes; {@code @NotBlank} reports it.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Printable.Check.class)
public @interface Printable {
    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<Printable, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PrintableText.isPrintable(value);
        }
    }
}
