DROP INDEX "assets_org_status_idx";--> statement-breakpoint
DROP INDEX "assets_org_category_idx";--> statement-breakpoint
DROP INDEX "assets_org_criticality_idx";--> statement-breakpoint
DROP INDEX "assets_org_os_idx";--> statement-breakpoint
DROP INDEX "assets_org_site_idx";--> statement-breakpoint
DROP INDEX "assets_org_updated_idx";--> statement-breakpoint
CREATE INDEX "assets_org_status_idx" ON "assets" USING btree ("org_id","status","name","id");--> statement-breakpoint
CREATE INDEX "assets_org_category_idx" ON "assets" USING btree ("org_id","category","name","id");--> statement-breakpoint
CREATE INDEX "assets_org_criticality_idx" ON "assets" USING btree ("org_id",array_position(array['critical','high','medium','low']::text[], "criticality"),"name","id");--> statement-breakpoint
CREATE INDEX "assets_org_os_idx" ON "assets" USING btree ("org_id","os_name","name","id");--> statement-breakpoint
CREATE INDEX "assets_org_site_idx" ON "assets" USING btree ("org_id","site","name","id");--> statement-breakpoint
CREATE INDEX "assets_org_updated_idx" ON "assets" USING btree ("org_id","updated_at","name","id");