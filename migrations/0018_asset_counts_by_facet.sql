ALTER TABLE "asset_counts" DROP CONSTRAINT "asset_counts_org_id_status_pk";--> statement-breakpoint
ALTER TABLE "asset_counts" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "asset_counts" ADD COLUMN "criticality" text;--> statement-breakpoint
ALTER TABLE "asset_counts" ADD COLUMN "internet_exposed" boolean;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_counts_key" ON "asset_counts" USING btree ("org_id","status",coalesce("category", ''),coalesce("criticality", ''),coalesce("internet_exposed"::text, ''));--> statement-breakpoint
-- The counts follow every statement on assets as in migration 0009, now per organization, status, category,
-- criticality and exposure: the asset list's filters read their total here. A statement that changes none of these
-- (most edits) nets to zero and writes nothing, so it takes no lock on the counts.
CREATE OR REPLACE FUNCTION asset_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its statement has (plpgsql plans a branch when it first runs).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO asset_counts AS c (org_id, status, category, criticality, internet_exposed, count)
    SELECT org_id, status, category, criticality, internet_exposed, count(*) FROM new_rows
    GROUP BY org_id, status, category, criticality, internet_exposed
    ON CONFLICT (org_id, status, coalesce(category, ''), coalesce(criticality, ''), coalesce(internet_exposed::text, ''))
    DO UPDATE SET count = c.count + excluded.count;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO asset_counts AS c (org_id, status, category, criticality, internet_exposed, count)
    SELECT org_id, status, category, criticality, internet_exposed, -count(*) FROM old_rows
    GROUP BY org_id, status, category, criticality, internet_exposed
    ON CONFLICT (org_id, status, coalesce(category, ''), coalesce(criticality, ''), coalesce(internet_exposed::text, ''))
    DO UPDATE SET count = c.count + excluded.count;
  ELSE
    INSERT INTO asset_counts AS c (org_id, status, category, criticality, internet_exposed, count)
    SELECT org_id, status, category, criticality, internet_exposed, sum(delta)
    FROM (
      SELECT org_id, status, category, criticality, internet_exposed, 1 AS delta FROM new_rows
      UNION ALL
      SELECT org_id, status, category, criticality, internet_exposed, -1 FROM old_rows
    ) changes
    GROUP BY org_id, status, category, criticality, internet_exposed
    HAVING sum(delta) <> 0
    ON CONFLICT (org_id, status, coalesce(category, ''), coalesce(criticality, ''), coalesce(internet_exposed::text, ''))
    DO UPDATE SET count = c.count + excluded.count;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Counted again from the assets, per facet (the migrations run unscoped: the policies let them see every row).
DELETE FROM asset_counts;
--> statement-breakpoint
INSERT INTO asset_counts (org_id, status, category, criticality, internet_exposed, count)
SELECT org_id, status, category, criticality, internet_exposed, count(*) FROM assets
GROUP BY org_id, status, category, criticality, internet_exposed;
