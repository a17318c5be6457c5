package com.orderflow.payment;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refuses a card number where a payment provider's token belongs. A shop that sent the card number itself
 * (a misconfigured checkout) had it accepted and stored in clear text, which puts the service in scope of the
 * card industry's rules; a token is what the provider gave for the card. 13-19 digits (spaces or dashes between
 * them) passing the Luhn check read as a card number.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CardNumber.Refused.class)
public @interface CardNumber {

    String message() default "must be the payment provider's token for the card, not the card number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Valid when the value does not read as a card number. */
    class Refused implements ConstraintValidator<CardNumber, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return !looksLikeCardNumber(value);
        }

        public static boolean looksLikeCardNumber(String value) {
            if (value == null || !value.strip().matches("\\d(?:[ -]?\\d){12,18}")) {
                return false;
            }
            String digits = value.replaceAll("[^0-9]", "");
            int sum = 0;
            for (int i = 0; i < digits.length(); i++) {
                int digit = digits.charAt(digits.length() - 1 - i) - '0';
                if (i % 2 == 1) {
                    digit *= 2;
                    if (digit > 9) {
                        digit -= 9;
                    }
                }
                sum += digit;
            }
            return sum % 10 == 0;
        }
    }
}
