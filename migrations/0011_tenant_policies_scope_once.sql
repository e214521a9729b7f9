-- Row-level security, read once per statement (decision 0004, amended in 0007): the policies called
-- vigie_visible(org_id) for every row, and each call split and parsed the scope setting again (a region's list
-- read 520 rows and spent 1.5 ms there). Written as sub-selects, the setting becomes a parameter PostgreSQL
-- computes once per statement (an InitPlan). Who sees what is unchanged: no scope set sees every row (the CLI,
-- the system, sign-in); a scope sees its organizations' rows, and a new organization through its parent.
CREATE FUNCTION vigie_unscoped() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('vigie.scope', true), '') = ''
$$;
--> statement-breakpoint
CREATE FUNCTION vigie_scope() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT string_to_array(nullif(current_setting('vigie.scope', true), ''), ',')::uuid[]
$$;
--> statement-breakpoint
ALTER POLICY organizations_tenant ON organizations
  USING ((SELECT vigie_unscoped()) OR id = ANY ((SELECT vigie_scope())::uuid[]) OR parent_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR id = ANY ((SELECT vigie_scope())::uuid[]) OR parent_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
-- Every other tenant table holds its organization in org_id, and its policy is named after it.
DO $$
DECLARE
  visible constant text := '(SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[])';
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['people', 'users', 'api_tokens', 'critical_information_assets', 'assets', 'asset_events', 'compliance_evaluations', 'compliance_attestations', 'compliance_due_items', 'asset_counts'] LOOP
    EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_tenant', t, visible, visible);
  END LOOP;
END $$;
--> statement-breakpoint
DROP FUNCTION vigie_visible(uuid);
