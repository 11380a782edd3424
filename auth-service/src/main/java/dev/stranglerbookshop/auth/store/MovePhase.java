package dev.stranglerbookshop.auth.store;

import java.util.Locale;

/**
 * Where auth-service keeps its accounts while they move from the monolith's database ({@code legacy}) to its own
 * ({@code own}): the four-phase online migration (dual write, backfill and verify, move reads, move writes, retire the
 * old path), one phase per setting of {@code bookshop.auth.accounts.phase}, each entered by a rolling restart. The
 * <em>record</em> is the store written first: a registration is answered once it is there; the other store follows
 * in the same call, and {@code sync} repairs what it missed.
 *
 * <p>{@link #DUAL_WRITE}, {@link #READ_OWN} and {@link #WRITE_OWN} write both stores, so each may be left for the
 * phase before it (then {@code sync} and {@code verify}); leaving {@link #OWN} goes back to {@link #WRITE_OWN} and a
 * {@code sync} first.
 */
public enum MovePhase {

    /** Stages 1-3: the monolith's accounts schema is the only store (the default datasource points there). */
    LEGACY(false, false, false),
    /** Writes go to legacy (the record) and then own; reads stay on legacy. {@code sync} backfills the accounts from before. */
    DUAL_WRITE(true, false, false),
    /** Reads move to own once {@code verify} reports no difference; legacy stays the record. */
    READ_OWN(true, true, false),
    /** Own becomes the record; legacy is still written, so going back to {@link #READ_OWN} loses nothing. */
    WRITE_OWN(true, true, true),
    /** The old path is retired: own is the only store and legacy is neither read nor written. */
    OWN(false, true, true);

    private final boolean writesBoth;
    private final boolean readsOwn;
    private final boolean ownIsRecord;

    MovePhase(boolean writesBoth, boolean readsOwn, boolean ownIsRecord) {
        this.writesBoth = writesBoth;
        this.readsOwn = readsOwn;
        this.ownIsRecord = ownIsRecord;
    }

    /** Both stores are written, so both must be reachable: a move is in progress. */
    public boolean writesBoth() {
        return writesBoth;
    }

    public boolean readsOwn() {
        return readsOwn;
    }

    public boolean ownIsRecord() {
        return ownIsRecord;
    }

    /** The setting's spelling: {@code dual-write}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param value a phase's label ({@code read-own}), ignoring case and surrounding blanks
     * @throws IllegalArgumentException naming the phases for anything else
     */
    public static MovePhase parse(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (MovePhase phase : values()) {
            if (phase.label().equals(wanted)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("Unknown accounts move phase '" + value
                + "'; expected legacy, dual-write, read-own, write-own or own");
    }
}
