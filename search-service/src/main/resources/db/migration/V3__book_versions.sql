-- The own index's memory of the catalog (stage 4): the newest version of each book it has applied, deletions
-- included, so an older catalog event or snapshot page never overwrites a newer one (CatalogCopy). Kept apart from
-- book_documents, whose shape stays the monolith's search projection's (SchemaTest). A deleted book's row stays as a
-- tombstone: a late event from before the deletion must not bring the book back.
CREATE TABLE search.book_versions (
    book_id    uuid PRIMARY KEY,
    version    bigint      NOT NULL CHECK (version >= 0),
    deleted    boolean     NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
