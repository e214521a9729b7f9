DROP INDEX "assets_org_category_idx";--> statement-breakpoint
DROP INDEX "assets_org_criticality_idx";--> statement-breakpoint
DROP INDEX "assets_org_os_idx";--> statement-breakpoint
DROP INDEX "assets_org_site_idx";--> statement-breakpoint
CREATE INDEX "assets_org_category_idx" ON "assets" USING btree ("org_id",("category" is null),coalesce("category", ''),"name","id");--> statement-breakpoint
CREATE INDEX "assets_org_criticality_idx" ON "assets" USING btree ("org_id",(array_position(array['critical','high','medium','low']::text[], "criticality") is null),coalesce(array_position(array['critical','high','medium','low']::text[], "criticality"), 0),"name","id");--> statement-breakpoint
CREATE INDEX "assets_org_os_idx" ON "assets" USING btree ("org_id",("os_name" is null),coalesce("os_name", ''),"name","id");--> statement-breakpoint
CREATE INDEX "assets_org_site_idx" ON "assets" USING btree ("org_id",("site" is null),coalesce("site", ''),"name","id");