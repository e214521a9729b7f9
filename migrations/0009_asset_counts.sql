CREATE TABLE "asset_counts" (
	"org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "asset_counts_org_id_status_pk" PRIMARY KEY("org_id","status")
);
--> statement-breakpoint
ALTER TABLE "asset_counts" ADD CONSTRAINT "asset_counts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- The counts follow every statement on assets, in its transaction: the rows it added minus the rows it removed, per
-- organization and status. A statement that changes no status (most edits) nets to zero and writes nothing, so it
-- takes no lock on the counts.
CREATE FUNCTION asset_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its statement has (plpgsql plans a branch when it first runs).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO asset_counts AS c (org_id, status, count)
    SELECT org_id, status, count(*) FROM new_rows GROUP BY org_id, status
    ON CONFLICT (org_id, status) DO UPDATE SET count = c.count + excluded.count;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO asset_counts AS c (org_id, status, count)
    SELECT org_id, status, -count(*) FROM old_rows GROUP BY org_id, status
    ON CONFLICT (org_id, status) DO UPDATE SET count = c.count + excluded.count;
  ELSE
    INSERT INTO asset_counts AS c (org_id, status, count)
    SELECT org_id, status, sum(delta)
    FROM (
      SELECT org_id, status, 1 AS delta FROM new_rows
      UNION ALL
      SELECT org_id, status, -1 FROM old_rows
    ) changes
    GROUP BY org_id, status
    HAVING sum(delta) <> 0
    ON CONFLICT (org_id, status) DO UPDATE SET count = c.count + excluded.count;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER asset_counts_insert AFTER INSERT ON assets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_follow();
--> statement-breakpoint
CREATE TRIGGER asset_counts_update AFTER UPDATE ON assets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_follow();
--> statement-breakpoint
CREATE TRIGGER asset_counts_delete AFTER DELETE ON assets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_follow();
--> statement-breakpoint
INSERT INTO asset_counts (org_id, status, count) SELECT org_id, status, count(*) FROM assets GROUP BY org_id, status;
--> statement-breakpoint
ALTER TABLE asset_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE asset_counts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY asset_counts_tenant ON asset_counts USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
