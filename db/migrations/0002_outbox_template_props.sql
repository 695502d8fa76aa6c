ALTER TABLE "outbound_emails" ALTER COLUMN "html" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ALTER COLUMN "text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "props" jsonb;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_body" CHECK ("outbound_emails"."props" is not null or ("outbound_emails"."html" is not null and "outbound_emails"."text" is not null));