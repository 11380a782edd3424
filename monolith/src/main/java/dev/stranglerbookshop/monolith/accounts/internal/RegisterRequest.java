package dev.stranglerbookshop.monolith.accounts.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Password policy: 10 to 128 characters (length beats composition rules; bcrypt pre-hashes long ones). */
public record RegisterRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(min = 10, max = 128, message = "must be between 10 and 128 characters long") String password,
        @NotBlank @Size(max = 100) String displayName) {
}
