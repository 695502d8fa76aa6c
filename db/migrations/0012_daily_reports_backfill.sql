-- Every state a reservation held before daily reports existed counts as told: the first report
-- tells only what changes from now on.
UPDATE "reservations" SET "reported_at" = "updated_at";
