package dev.stranglerbookshop.auth.store;

import java.sql.SQLException;

/**
 * An accounts database could not answer (down, refused, timed out): an infrastructure failure, which the gRPC layer
 * answers as {@code UNAVAILABLE}, never an answer about the request.
 */
public class AccountStoreException extends RuntimeException {

    public AccountStoreException(String database, SQLException cause) {
        super("The " + database + " accounts database failed: " + cause.getMessage(), cause);
    }
}
