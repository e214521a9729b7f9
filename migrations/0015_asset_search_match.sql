-- What the search box matches in an asset, written once (decision 0009). A search that matches many assets is
-- paged by reading the sort's index in order and testing each row in place, where looking every row up in the
-- lookup table's matches cost a full trigram match per page (20–30 ms at 15,000 matches); the lookup table, its
-- triggers and vigie_assets_matching() test through the same two functions, so the two ways cannot disagree.
-- Plain SQL, immutable, without SET: PostgreSQL inlines them where they are called, so the lookup table's indexes
-- still serve; every operator they use is pg_catalog's, which comes first in any search path.
CREATE FUNCTION vigie_asset_search_text(name text, serial text, model text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT name || ' ' || coalesce(serial, '') || ' ' || coalesce(model, '')
$$;
--> statement-breakpoint
-- `pattern` is an ILIKE pattern for the text; `exact`, a whole IP address or host name, in lower case.
CREATE FUNCTION vigie_asset_matches(search_text text, ips text[], hostnames text[], pattern text, exact text)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT search_text ILIKE pattern OR ips @> ARRAY[exact] OR hostnames @> ARRAY[exact]
$$;
--> statement-breakpoint
-- As in migration 0014, the text through vigie_asset_search_text().
CREATE OR REPLACE FUNCTION vigie_private.asset_lookup_follow() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO vigie_private.asset_lookup (asset_id, org_id, search_text, ips, macs, hostnames)
    SELECT id, org_id, public.vigie_asset_search_text(name, serial, model), ips, macs, hostnames
    FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM vigie_private.asset_lookup l USING old_rows o WHERE l.asset_id = o.id;
  ELSE
    UPDATE vigie_private.asset_lookup l
    SET org_id = n.org_id, search_text = n.search_text, ips = n.ips, macs = n.macs, hostnames = n.hostnames
    FROM (
      SELECT id, org_id, public.vigie_asset_search_text(name, serial, model) AS search_text, ips, macs, hostnames
      FROM new_rows
    ) n
    WHERE l.asset_id = n.id
      AND (l.org_id, l.search_text, l.ips, l.macs, l.hostnames)
        IS DISTINCT FROM (n.org_id, n.search_text, n.ips, n.macs, n.hostnames);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- As in migration 0013, the test through vigie_asset_matches(). CREATE OR REPLACE keeps who may execute it.
CREATE OR REPLACE FUNCTION vigie_assets_matching(org_ids uuid[], pattern text, exact text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100 AS $$
  SELECT l.asset_id FROM vigie_private.asset_lookup l
  WHERE ((SELECT public.vigie_unscoped()) OR l.org_id = ANY ((SELECT public.vigie_scope())::uuid[]))
    AND (org_ids IS NULL OR l.org_id = ANY (org_ids))
    AND public.vigie_asset_matches(l.search_text, l.ips, l.hostnames, pattern, exact)
$$;
