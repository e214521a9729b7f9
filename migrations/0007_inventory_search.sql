-- The inventory's search box matches a part of an asset's name, serial number or model: a trigram index makes that
-- fast at 100,000 assets. pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create
-- it; PGlite loads it at start. The indexed expression is the one assets.repository.ts searches.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX assets_search_idx ON assets USING gin ((name || ' ' || coalesce(serial, '') || ' ' || coalesce(model, '')) gin_trgm_ops);
