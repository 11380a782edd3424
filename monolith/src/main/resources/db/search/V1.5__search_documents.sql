-- The legacy search module keeps its own projection of the catalog (fed by catalog events in the same transaction),
-- so extracting it later moves a table, not a join.

-- array_to_string is only STABLE in general, but for text[] it cannot change meaning; generated columns need IMMUTABLE.
CREATE FUNCTION search.words(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, ' ') $$;

CREATE TABLE search.book_documents (
    book_id     uuid PRIMARY KEY,
    isbn        varchar(13)   NOT NULL,
    title       text          NOT NULL,
    authors     text[]        NOT NULL DEFAULT '{}',
    description text          NOT NULL DEFAULT '',
    tags        text[]        NOT NULL DEFAULT '{}',
    price       numeric(10, 2) NOT NULL,
    stock       integer       NOT NULL,
    -- Weighted: title > authors > tags > description.
    document    tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', search.words(authors)), 'B') ||
        setweight(to_tsvector('english', search.words(tags)), 'C') ||
        setweight(to_tsvector('english', description), 'D')
    ) STORED
);
CREATE INDEX book_documents_document ON search.book_documents USING gin (document);
CREATE INDEX book_documents_price ON search.book_documents (price);
