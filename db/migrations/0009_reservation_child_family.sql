ALTER TABLE "reservations" DROP CONSTRAINT "reservations_child_id_children_id_fk";
--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_child_family_fk" FOREIGN KEY ("child_id","family_id") REFERENCES "public"."children"("id","family_id") ON DELETE restrict ON UPDATE no action;