-- The backfill's checkpoint (stage 4): where the paged snapshot of the catalog (CatalogService.ListBooks) stands, so
-- an interrupted backfill resumes after the last page it applied, and a finished one starts over when run again
-- (Backfill). One row per snapshot source.
CREATE TABLE search.backfill_checkpoints (
    source      text PRIMARY KEY,
    page_token  text        NOT NULL DEFAULT '',
    pages       integer     NOT NULL DEFAULT 0 CHECK (pages >= 0),
    books       bigint      NOT NULL DEFAULT 0 CHECK (books >= 0),
    applied     bigint      NOT NULL DEFAULT 0 CHECK (applied >= 0),
    started_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    -- When a run first read the last page: from then on the index holds the whole catalog (readiness), even while a
    -- later run starts over.
    first_finished_at timestamptz
);
