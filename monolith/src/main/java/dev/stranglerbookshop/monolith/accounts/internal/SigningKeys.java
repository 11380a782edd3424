package dev.stranglerbookshop.monolith.accounts.internal;

import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * The RSA key that signs access tokens: read from {@code bookshop.auth.signing-key.location} (PKCS#8 PEM, a mounted
 * secret), or generated at start when {@code bookshop.auth.signing-key.generate=true} (development only). Its key id
 * is the RFC 7638 thumbprint, so verifiers holding several keys pick the right one.
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    SigningKeys(AuthSettings settings) {
        KeyPair pair = settings.signingKey().location().map(SigningKeys::read).orElseGet(() -> {
            if (!settings.signingKey().generate()) {
                throw new IllegalStateException("No token signing key: set bookshop.auth.signing-key.location to a "
                        + "PKCS#8 PEM RSA private key, or (development only) bookshop.auth.signing-key.generate=true");
            }
            LOG.warn("Generated a throw-away token signing key (development only: tokens die with this process)");
            return generate();
        });
        this.privateKey = pair.getPrivate();
        this.publicKey = (RSAPublicKey) pair.getPublic();
        this.keyId = new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public half as a JWK (RFC 7517: kty, kid, use, alg, n, e), one entry of {@code /.well-known/jwks.json}. */
    public Map<String, Object> publicJwk() {
        RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
        jwk.setKeyId(keyId);
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair read(String location) {
        try {
            String pem = Files.readString(Path.of(location));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (IOException | GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("bookshop.auth.signing-key.location=" + location
                    + " is not a readable PKCS#8 PEM RSA private key: " + e.getMessage(), e);
        }
    }
}
