package dev.stranglerbookshop.auth.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The registration rules, the same as the monolith's public API enforces (so both paths answer alike). */
record RegisterInput(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(min = 10, max = 128, message = "must be between 10 and 128 characters long") String password,
        @NotBlank @Size(max = 100) String displayName) {
}
