-- Row-level security (decision 0004) on the inventory and compliance tables that carry an organization. Their
-- child tables (asset_services, asset_critical_assets, compliance_evaluation_results) are reached only through a
-- parent row that the policies already filter.
ALTER TABLE critical_information_assets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE critical_information_assets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY critical_information_assets_tenant ON critical_information_assets USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
--> statement-breakpoint
ALTER TABLE assets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE assets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY assets_tenant ON assets USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
--> statement-breakpoint
ALTER TABLE asset_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE asset_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY asset_events_tenant ON asset_events USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
--> statement-breakpoint
ALTER TABLE compliance_evaluations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE compliance_evaluations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY compliance_evaluations_tenant ON compliance_evaluations USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
--> statement-breakpoint
ALTER TABLE compliance_attestations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE compliance_attestations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY compliance_attestations_tenant ON compliance_attestations USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
--> statement-breakpoint
ALTER TABLE compliance_due_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE compliance_due_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY compliance_due_items_tenant ON compliance_due_items USING (vigie_visible(org_id)) WITH CHECK (vigie_visible(org_id));
