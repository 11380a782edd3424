package dev.stranglerbookshop.auth.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/** bcrypt (2b). Passwords longer than bcrypt's 72 bytes are pre-hashed with SHA-512 instead of being cut short. */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifyer;
    /** Compared against when the account does not exist, so both answers take as long (no email probing). */
    private final String decoy;

    PasswordHasher(AuthSettings settings) {
        this.cost = settings.bcryptCost();
        this.hasher = BCrypt.with(BCrypt.Version.VERSION_2B, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
        this.verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2B,
                LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
        this.decoy = hash("decoy-password-never-matches");
    }

    public String hash(String password) {
        return hasher.hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return verifyer.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the same time as a real check, for an unknown account. */
    public void matchDecoy(String password) {
        matches(password, decoy);
    }
}
