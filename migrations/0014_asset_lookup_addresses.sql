-- Nmap's matching under row-level security (decision 0009): it looked for each scanned host's MACs, IPs and host
-- names with array overlap (`&&`), which is not leakproof, so as the plain role every host read every row of the
-- organization. The addresses are matched in the lookup table of migration 0013 instead, through
-- vigie_assets_at(), which applies the caller's scope as the policies do. The GIN indexes on assets' arrays served
-- only where row-level security does not bind: they go, and the lookup table gets the MACs' own.
DROP INDEX "assets_ips_idx";--> statement-breakpoint
DROP INDEX "assets_macs_idx";--> statement-breakpoint
DROP INDEX "assets_hostnames_idx";--> statement-breakpoint
ALTER TABLE vigie_private.asset_lookup ADD COLUMN macs text[] NOT NULL DEFAULT '{}';
--> statement-breakpoint
UPDATE vigie_private.asset_lookup l SET macs = a.macs FROM assets a WHERE a.id = l.asset_id;
--> statement-breakpoint
CREATE INDEX asset_lookup_macs_idx ON vigie_private.asset_lookup USING gin (macs);
--> statement-breakpoint
-- As in migration 0013, with the MACs.
CREATE OR REPLACE FUNCTION vigie_private.asset_lookup_follow() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO vigie_private.asset_lookup (asset_id, org_id, search_text, ips, macs, hostnames)
    SELECT id, org_id, name || ' ' || coalesce(serial, '') || ' ' || coalesce(model, ''), ips, macs, hostnames
    FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM vigie_private.asset_lookup l USING old_rows o WHERE l.asset_id = o.id;
  ELSE
    UPDATE vigie_private.asset_lookup l
    SET org_id = n.org_id, search_text = n.search_text, ips = n.ips, macs = n.macs, hostnames = n.hostnames
    FROM (
      SELECT id, org_id, name || ' ' || coalesce(serial, '') || ' ' || coalesce(model, '') AS search_text, ips, macs,
        hostnames
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
-- The ids of the assets, within the caller's scope and the given organizations, that carry any of these MACs, IP
-- addresses or host names. (The arguments are not named after the columns: in a SQL function a column of the same
-- name would win.)
CREATE FUNCTION vigie_assets_at(org_ids uuid[], wanted_macs text[], wanted_ips text[], wanted_hostnames text[])
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 10 AS $$
  SELECT l.asset_id FROM vigie_private.asset_lookup l
  WHERE ((SELECT public.vigie_unscoped()) OR l.org_id = ANY ((SELECT public.vigie_scope())::uuid[]))
    AND l.org_id = ANY (org_ids)
    AND (l.macs && wanted_macs OR l.ips && wanted_ips OR l.hostnames && wanted_hostnames)
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION vigie_assets_at(uuid[], text[], text[], text[]) FROM PUBLIC;
