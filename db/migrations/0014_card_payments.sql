CREATE TYPE "public"."payment_notification_outcome" AS ENUM('settled', 'unchanged', 'pending', 'rejected');--> statement-breakpoint
CREATE TABLE "payment_notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gateway" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"payment_id" integer,
	"transaction_id" text,
	"outcome" "payment_notification_outcome" NOT NULL,
	"detail" text,
	"source_ip" text
);
--> statement-breakpoint
CREATE TABLE "sandbox_bank_operations" (
	"transaction_id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"email" text,
	"notify_url" text NOT NULL,
	"return_url" text NOT NULL,
	"result" text,
	"card_last4" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_received_when_succeeded";--> statement-breakpoint
-- The statuses get the card flow's words, in place: rows keep their meaning.
ALTER TYPE "public"."payment_status" RENAME VALUE 'succeeded' TO 'paid';--> statement-breakpoint
ALTER TYPE "public"."payment_status" RENAME VALUE 'failed' TO 'refused';--> statement-breakpoint
ALTER TYPE "public"."payment_status" RENAME VALUE 'cancelled' TO 'abandoned';--> statement-breakpoint
ALTER TYPE "public"."payment_status" ADD VALUE 'expired';--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "gateway_result" jsonb;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "settled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_notifications" ADD CONSTRAINT "payment_notifications_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_notifications_payment_idx" ON "payment_notifications" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_notifications_received_idx" ON "payment_notifications" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "payments_initiated_idx" ON "payments" USING btree ("created_at") WHERE "payments"."status" = 'initiated';--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_reference_unique" UNIQUE("reference");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_received_when_paid" CHECK ("payments"."status" <> 'paid' or "payments"."received_on" is not null);--> statement-breakpoint
UPDATE "payments" SET "reference" = 'CF' || "id" WHERE "gateway" IS NOT NULL AND "reference" IS NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_card_has_reference" CHECK ("payments"."gateway" is null or "payments"."reference" is not null);