CREATE TABLE "asset_critical_assets" (
	"asset_id" uuid NOT NULL,
	"critical_asset_id" uuid NOT NULL,
	CONSTRAINT "asset_critical_assets_asset_id_critical_asset_id_pk" PRIMARY KEY("asset_id","critical_asset_id")
);
--> statement-breakpoint
CREATE TABLE "asset_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"source" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_services" (
	"asset_id" uuid NOT NULL,
	"protocol" text NOT NULL,
	"port" integer NOT NULL,
	"state" text NOT NULL,
	"service" text,
	"product" text,
	"version" text,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "asset_services_asset_id_protocol_port_pk" PRIMARY KEY("asset_id","protocol","port")
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"category" text,
	"holder_id" uuid,
	"os_name" text,
	"os_version" text,
	"components" text,
	"functions" text,
	"hosting" text,
	"host_contact" text,
	"criticality" text,
	"internet_exposed" boolean,
	"ips" text[] DEFAULT '{}' NOT NULL,
	"macs" text[] DEFAULT '{}' NOT NULL,
	"hostnames" text[] DEFAULT '{}' NOT NULL,
	"manufacturer" text,
	"model" text,
	"serial" text,
	"firmware" text,
	"site" text,
	"software" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"acquired_on" date,
	"in_service_on" date,
	"notes" text,
	"reviewed_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"retirement_planned_on" date,
	"retired_on" date,
	"retirement_reason" text,
	"data_wiped" boolean,
	"eol_exception_reason" text,
	"eol_exception_approved_by" text,
	"eol_exception_expires_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_org_name_unique" UNIQUE("org_id","name")
);
--> statement-breakpoint
CREATE TABLE "critical_information_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"criticality" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "critical_information_assets_org_name_unique" UNIQUE("org_id","name")
);
--> statement-breakpoint
CREATE TABLE "reference_feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"sha256" text NOT NULL,
	"item_count" integer NOT NULL,
	"content" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_attestations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"requirement_id" text NOT NULL,
	"kind" text NOT NULL,
	"statement" text NOT NULL,
	"declared_by" text NOT NULL,
	"declared_by_user_id" uuid,
	"effective_on" date NOT NULL,
	"expires_on" date,
	"evidence_name" text,
	"evidence_type" text,
	"evidence_sha256" text,
	"evidence" "bytea",
	"created_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compliance_due_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"requirement_id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_label" text NOT NULL,
	"due_on" date NOT NULL,
	"detail" jsonb,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" jsonb
);
--> statement-breakpoint
CREATE TABLE "compliance_evaluation_results" (
	"evaluation_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	"status" text NOT NULL,
	"mode" text NOT NULL,
	"score" double precision,
	"summary" jsonb NOT NULL,
	"failing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failing_count" integer DEFAULT 0 NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "compliance_evaluation_results_evaluation_id_requirement_id_pk" PRIMARY KEY("evaluation_id","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "compliance_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"actor" text NOT NULL,
	"status" text NOT NULL,
	"score" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_critical_assets" ADD CONSTRAINT "asset_critical_assets_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_critical_assets" ADD CONSTRAINT "asset_critical_assets_critical_asset_id_critical_information_assets_id_fk" FOREIGN KEY ("critical_asset_id") REFERENCES "public"."critical_information_assets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_events" ADD CONSTRAINT "asset_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_events" ADD CONSTRAINT "asset_events_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_services" ADD CONSTRAINT "asset_services_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_holder_id_people_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_information_assets" ADD CONSTRAINT "critical_information_assets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_attestations" ADD CONSTRAINT "compliance_attestations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_attestations" ADD CONSTRAINT "compliance_attestations_declared_by_user_id_users_id_fk" FOREIGN KEY ("declared_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_due_items" ADD CONSTRAINT "compliance_due_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_evaluation_results" ADD CONSTRAINT "compliance_evaluation_results_evaluation_id_compliance_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."compliance_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_evaluations" ADD CONSTRAINT "compliance_evaluations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_critical_assets_critical_idx" ON "asset_critical_assets" USING btree ("critical_asset_id");--> statement-breakpoint
CREATE INDEX "asset_events_asset_idx" ON "asset_events" USING btree ("asset_id","at");--> statement-breakpoint
CREATE INDEX "asset_events_org_kind_idx" ON "asset_events" USING btree ("org_id","kind","at");--> statement-breakpoint
CREATE INDEX "assets_org_status_idx" ON "assets" USING btree ("org_id","status","name");--> statement-breakpoint
CREATE INDEX "assets_org_category_idx" ON "assets" USING btree ("org_id","category","name");--> statement-breakpoint
CREATE INDEX "assets_org_criticality_idx" ON "assets" USING btree ("org_id",array_position(array['critical','high','medium','low']::text[], "criticality"),"name");--> statement-breakpoint
CREATE INDEX "assets_org_os_idx" ON "assets" USING btree ("org_id","os_name","name");--> statement-breakpoint
CREATE INDEX "assets_org_site_idx" ON "assets" USING btree ("org_id","site","name");--> statement-breakpoint
CREATE INDEX "assets_org_updated_idx" ON "assets" USING btree ("org_id","updated_at");--> statement-breakpoint
CREATE INDEX "assets_ips_idx" ON "assets" USING gin ("ips");--> statement-breakpoint
CREATE INDEX "assets_macs_idx" ON "assets" USING gin ("macs");--> statement-breakpoint
CREATE INDEX "assets_hostnames_idx" ON "assets" USING gin ("hostnames");--> statement-breakpoint
CREATE INDEX "compliance_attestations_org_idx" ON "compliance_attestations" USING btree ("org_id","framework_id","requirement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_due_items_open_unique" ON "compliance_due_items" USING btree ("kind","subject_id") WHERE "compliance_due_items"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "compliance_due_items_org_due_idx" ON "compliance_due_items" USING btree ("org_id","due_on");--> statement-breakpoint
CREATE INDEX "compliance_evaluations_org_idx" ON "compliance_evaluations" USING btree ("org_id","framework_id","evaluated_at");