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
ALTER POLICY people_tenant ON people
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY users_tenant ON users
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY api_tokens_tenant ON api_tokens
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY critical_information_assets_tenant ON critical_information_assets
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY assets_tenant ON assets
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY asset_events_tenant ON asset_events
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY compliance_evaluations_tenant ON compliance_evaluations
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY compliance_attestations_tenant ON compliance_attestations
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY compliance_due_items_tenant ON compliance_due_items
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
ALTER POLICY asset_counts_tenant ON asset_counts
  USING ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]))
  WITH CHECK ((SELECT vigie_unscoped()) OR org_id = ANY ((SELECT vigie_scope())::uuid[]));
--> statement-breakpoint
DROP FUNCTION vigie_visible(uuid);
