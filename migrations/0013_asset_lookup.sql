-- The inventory's search under row-level security (decision 0009). PostgreSQL lets only leakproof conditions reach
-- an index under the policies, and ILIKE and array containment are not leakproof: as the plain role, a search read
-- every row of the organization (11 searches a second under 50 clients at 100,000 assets). What the search box
-- matches is therefore kept in a table of its own, without policies, out of the application role's reach (a schema
-- it has no usage on), and read only through vigie_assets_matching(), which applies the caller's scope exactly as
-- the policies do. It returns ids only: the list then reads those assets through their policies.
CREATE SCHEMA vigie_private;
--> statement-breakpoint
REVOKE ALL ON SCHEMA vigie_private FROM PUBLIC;
--> statement-breakpoint
-- Derived from assets like an index, and kept in step by the triggers below, in the same transaction.
CREATE TABLE vigie_private.asset_lookup (
  asset_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  search_text text NOT NULL,
  ips text[] NOT NULL,
  hostnames text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX asset_lookup_search_idx ON vigie_private.asset_lookup USING gin (search_text public.gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX asset_lookup_ips_idx ON vigie_private.asset_lookup USING gin (ips);
--> statement-breakpoint
CREATE INDEX asset_lookup_hostnames_idx ON vigie_private.asset_lookup USING gin (hostnames);
--> statement-breakpoint
-- Statement triggers with transition tables: one INSERT … SELECT per import batch, not one per row. SECURITY
-- DEFINER: the application role may not write the table itself; the search path is pinned and every name
-- qualified, as for any such function.
CREATE FUNCTION vigie_private.asset_lookup_follow() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- Each branch names only the transition tables its statement has (plpgsql plans a branch when it first runs).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO vigie_private.asset_lookup (asset_id, org_id, search_text, ips, hostnames)
    SELECT id, org_id, name || ' ' || coalesce(serial, '') || ' ' || coalesce(model, ''), ips, hostnames
    FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM vigie_private.asset_lookup l USING old_rows o WHERE l.asset_id = o.id;
  ELSE
    -- Only what changed is written: a re-import of an unchanged file, or an edit of another field, writes nothing.
    UPDATE vigie_private.asset_lookup l
    SET org_id = n.org_id, search_text = n.search_text, ips = n.ips, hostnames = n.hostnames
    FROM (
      SELECT id, org_id, name || ' ' || coalesce(serial, '') || ' ' || coalesce(model, '') AS search_text, ips,
        hostnames
      FROM new_rows
    ) n
    WHERE l.asset_id = n.id
      AND (l.org_id, l.search_text, l.ips, l.hostnames) IS DISTINCT FROM (n.org_id, n.search_text, n.ips, n.hostnames);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER asset_lookup_insert AFTER INSERT ON assets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vigie_private.asset_lookup_follow();
--> statement-breakpoint
CREATE TRIGGER asset_lookup_update AFTER UPDATE ON assets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vigie_private.asset_lookup_follow();
--> statement-breakpoint
CREATE TRIGGER asset_lookup_delete AFTER DELETE ON assets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vigie_private.asset_lookup_follow();
--> statement-breakpoint
INSERT INTO vigie_private.asset_lookup (asset_id, org_id, search_text, ips, hostnames)
SELECT id, org_id, name || ' ' || coalesce(serial, '') || ' ' || coalesce(model, ''), ips, hostnames FROM assets;
--> statement-breakpoint
-- The ids of the assets, within the caller's scope (vigie.scope, as the policies read it) and the given
-- organizations (all of the scope's when NULL), whose name, serial number or model holds `pattern` (an ILIKE
-- pattern), or that have `exact` among their IP addresses or host names.
CREATE FUNCTION vigie_assets_matching(org_ids uuid[], pattern text, exact text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100 AS $$
  SELECT l.asset_id FROM vigie_private.asset_lookup l
  WHERE ((SELECT public.vigie_unscoped()) OR l.org_id = ANY ((SELECT public.vigie_scope())::uuid[]))
    AND (org_ids IS NULL OR l.org_id = ANY (org_ids))
    AND (l.search_text ILIKE pattern OR l.ips @> ARRAY[exact] OR l.hostnames @> ARRAY[exact])
$$;
--> statement-breakpoint
-- Least privilege: only the roles granted it (`vigie db grant`) may call it.
REVOKE EXECUTE ON FUNCTION vigie_assets_matching(uuid[], text, text) FROM PUBLIC;
--> statement-breakpoint
-- After a large import: fresh statistics for the planner (without them the search's own table is read whole: 70 ms
-- instead of 0.4 ms at 100,000 assets) and the GIN indexes' pending entries merged, on both tables. SECURITY
-- DEFINER because both need the tables' owner, and the role that imports is not (README, two roles). ANALYZE and
-- gin_clean_pending_list run inside a transaction, unlike VACUUM.
CREATE FUNCTION vigie_tidy_assets() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  gin regclass;
BEGIN
  ANALYZE public.assets;
  ANALYZE vigie_private.asset_lookup;
  FOR gin IN
    SELECT i.indexrelid::regclass FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
    WHERE am.amname = 'gin' AND i.indrelid IN ('public.assets'::regclass, 'vigie_private.asset_lookup'::regclass)
  LOOP
    PERFORM gin_clean_pending_list(gin);
  END LOOP;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION vigie_tidy_assets() FROM PUBLIC;
--> statement-breakpoint
DROP INDEX assets_search_idx;
