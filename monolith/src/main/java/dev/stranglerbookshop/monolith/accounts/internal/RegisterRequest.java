package dev.stranglerbookshop.monolith.accounts.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Password policy: 10 to 128 characters, not only blanks (login refuses a blank password, so such an account could
 * never sign in); length beats composition rules, and bcrypt pre-hashes long ones.
 */
public record RegisterRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(min = 10, max = 128, message = "must be between 10 and 128 characters long") String password,
        @NotBlank @Size(max = 100) String displayName) {
}
