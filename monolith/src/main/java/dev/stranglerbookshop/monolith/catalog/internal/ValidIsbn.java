package dev.stranglerbookshop.monolith.catalog.internal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An ISBN-10 or ISBN-13 with a correct check digit (hyphens and spaces allowed). */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidIsbn.Validator.class)
@interface ValidIsbn {

    String message() default "must be a valid ISBN-10 or ISBN-13";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidIsbn, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Isbn.isValid(value); // null is @NotBlank's job
        }
    }
}
