-- Row-level security (decision 0004): a second wall between organizations on PostgreSQL. Vigie sets
-- `vigie.scope` to the comma-separated ids of the actor's organizations for each request made on behalf of a
-- user or an API token. With no scope set (the CLI, the system, sign-in), rows are not filtered here: the
-- services' own checks apply. Superusers and BYPASSRLS roles skip policies: run Vigie as a plain role.
CREATE FUNCTION vigie_visible(org uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('vigie.scope', true), '') = ''
      OR org = ANY (string_to_array(current_setting('vigie.scope', true), ',')::uuid[])
$$;
--> statement-breakpoint
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A new organization is visible through its parent until the next request's scope includes it.
CREATE POLICY organizations_tenant ON organizations
  USING (vigie_visible(id) OR vigie_visible(parent_id))
  WITH CHECK (vigie_visible(id) OR vigie_visible(parent_id));
--> statement-breakpoint
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE people FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY people_tenant ON people USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_tenant ON users USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
--> statement-breakpoint
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY api_tokens_tenant ON api_tokens USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
