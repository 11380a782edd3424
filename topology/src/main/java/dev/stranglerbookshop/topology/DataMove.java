package dev.stranglerbookshop.topology;

/**
 * A service's data on its way from another deployable's database to its own, in phases (the four-phase online
 * migration: dual write, backfill and verify, move reads, move writes, retire the old path). The service owns its
 * database and reaches the old one as a second datasource named {@code legacy}; the phase is its setting.
 *
 * @param setting the environment variable that selects the phase ({@code BOOKSHOP_AUTH_ACCOUNTS_PHASE})
 * @param phase   the phase a deployment of this stage runs ({@code write-own}: the own database is the record, the
 *                old one still follows, so going back loses nothing)
 */
public record DataMove(String setting, String phase) {

    /**
     * Whether the service's own database is the record in this phase (written first, deciding duplicates), so the old
     * home may no longer take writes of its own: {@code write-own} and {@code own} (auth-service's {@code MovePhase},
     * tested to agree).
     */
    public boolean ownIsRecord() {
        return phase.equals("write-own") || phase.equals("own");
    }

    /** auth-service's accounts (auth-service's {@code MovePhase}). */
    public static DataMove accounts(String phase) {
        return new DataMove("BOOKSHOP_AUTH_ACCOUNTS_PHASE", phase);
    }
}
