CREATE TABLE "basket_validations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "basket_validations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"family_id" integer NOT NULL,
	"submission_key" text NOT NULL,
	"outcomes" jsonb NOT NULL,
	"remarks" text,
	"validated_by" integer,
	"validated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "basket_validations_submissionKey_unique" UNIQUE("submission_key")
);
--> statement-breakpoint
ALTER TABLE "baskets" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "basket_validations" ADD CONSTRAINT "basket_validations_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "basket_validations" ADD CONSTRAINT "basket_validations_validated_by_users_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "basket_validations_family_idx" ON "basket_validations" USING btree ("family_id");