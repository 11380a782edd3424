-- The catalog module's schema. Other modules reference books by id only: no foreign keys across schemas.
CREATE TABLE catalog.books (
    id          uuid PRIMARY KEY,
    isbn        varchar(13)   NOT NULL UNIQUE,
    title       varchar(300)  NOT NULL,
    authors     text[]        NOT NULL DEFAULT '{}',
    description text          NOT NULL DEFAULT '',
    tags        text[]        NOT NULL DEFAULT '{}',
    price       numeric(10, 2) NOT NULL CHECK (price >= 0),
    stock       integer       NOT NULL CHECK (stock >= 0),
    version     bigint        NOT NULL DEFAULT 0
);
