-- The rows a page by offset skips, and those a region's list merges, are chosen by their keys alone (id, name and
-- the sort's values), but PostgreSQL read each of them from the table too: it reads rows from an index alone (an
-- index-only scan) only when every column the query names is in it, and these indexes held the sort's expressions,
-- not the columns they are computed from, nor the status the lists filter on. Each index now holds them after its
-- order, which they do not change (name and id are unique). Skipping 9,950 rows at 100,000 assets: 9.7 ms → 2.9 ms
-- sorted by criticality, 7.9 ms → 2.6 ms by name.
DROP INDEX "assets_org_category_idx";--> statement-breakpoint
DROP INDEX "assets_org_criticality_idx";--> statement-breakpoint
DROP INDEX "assets_org_os_idx";--> statement-breakpoint
DROP INDEX "assets_org_site_idx";--> statement-breakpoint
DROP INDEX "assets_org_updated_idx";--> statement-breakpoint
CREATE INDEX "assets_org_category_idx" ON "assets" USING btree ("org_id",("category" is null),(case when "category" is null then '' else "category" end),"name","id","category","status");--> statement-breakpoint
CREATE INDEX "assets_org_criticality_idx" ON "assets" USING btree ("org_id",(case "criticality" when 'critical' then 1 when 'high' then 2 when 'medium' then 3 when 'low' then 4 end is null),(case when case "criticality" when 'critical' then 1 when 'high' then 2 when 'medium' then 3 when 'low' then 4 end is null then 0 else case "criticality" when 'critical' then 1 when 'high' then 2 when 'medium' then 3 when 'low' then 4 end end),"name","id","criticality","status");--> statement-breakpoint
CREATE INDEX "assets_org_os_idx" ON "assets" USING btree ("org_id",("os_name" is null),(case when "os_name" is null then '' else "os_name" end),"name","id","os_name","status");--> statement-breakpoint
CREATE INDEX "assets_org_site_idx" ON "assets" USING btree ("org_id",("site" is null),(case when "site" is null then '' else "site" end),"name","id","site","status");--> statement-breakpoint
CREATE INDEX "assets_org_updated_idx" ON "assets" USING btree ("org_id","updated_at","name","id","status");--> statement-breakpoint
-- The name's order is the unique constraint's index: it holds the id and the status as included columns (Drizzle
-- cannot write INCLUDE; assets.table.ts says so), rather than a second index on the name that every import would
-- write too.
ALTER TABLE "assets" DROP CONSTRAINT "assets_org_name_unique";--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_org_name_unique" UNIQUE ("org_id", "name") INCLUDE ("id", "status");
