-- The index's shape catches up with the monolith's search projection (monolith/src/main/resources/db/search), which
-- search-service reads at stage 3 and replaces with this table at stage 4: the same columns, the same indexes.
-- A test (SchemaTest) compares the two tables column by column.
ALTER TABLE search.book_documents ADD COLUMN isbn varchar(13) NOT NULL DEFAULT '';
ALTER TABLE search.book_documents ALTER COLUMN isbn DROP DEFAULT;
CREATE INDEX book_documents_price ON search.book_documents (price);
