CREATE TYPE "public"."quotient_source" AS ENUM('caf', 'avis_imposition', 'autre');--> statement-breakpoint
CREATE TABLE "activity_price_brackets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_price_brackets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"qf_min" integer NOT NULL,
	"qf_max" integer,
	"unit_price_cents" integer NOT NULL,
	CONSTRAINT "activity_price_brackets_min_nonnegative" CHECK ("activity_price_brackets"."qf_min" >= 0),
	CONSTRAINT "activity_price_brackets_range" CHECK ("activity_price_brackets"."qf_max" is null or "activity_price_brackets"."qf_max" >= "activity_price_brackets"."qf_min"),
	CONSTRAINT "activity_price_brackets_price_nonnegative" CHECK ("activity_price_brackets"."unit_price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "family_quotients" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "family_quotients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"family_id" integer NOT NULL,
	"quotient" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"source" "quotient_source" NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "family_quotients_quotient_nonnegative" CHECK ("family_quotients"."quotient" >= 0),
	CONSTRAINT "family_quotients_validity" CHECK ("family_quotients"."valid_from" <= "family_quotients"."valid_to")
);
--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "unit_price_cents" integer;--> statement-breakpoint
ALTER TABLE "activity_price_brackets" ADD CONSTRAINT "activity_price_brackets_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_quotients" ADD CONSTRAINT "family_quotients_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_quotients" ADD CONSTRAINT "family_quotients_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_price_brackets_activity_idx" ON "activity_price_brackets" USING btree ("activity_id","qf_min");--> statement-breakpoint
CREATE INDEX "family_quotients_family_idx" ON "family_quotients" USING btree ("family_id","valid_from");--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_price_nonnegative" CHECK ("reservations"."unit_price_cents" is null or "reservations"."unit_price_cents" >= 0);