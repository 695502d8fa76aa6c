-- Messages queued before the secrets column kept their token link in props (and, once sent, in
-- html/text). A waiting one moves its link to the secrets, to be sent then forgotten; a sent or
-- failed one loses it, and the token is cut out of the copy kept.
UPDATE "outbound_emails"
SET "secrets" = jsonb_build_object('link', "props"->'link'), "props" = "props" - 'link'
WHERE "status" = 'pending' AND "template" IN ('password-reset', 'email-change-verification') AND ("props"->'link') IS NOT NULL;
--> statement-breakpoint
UPDATE "outbound_emails"
SET "props" = "props" - 'link'
WHERE "status" <> 'pending' AND "template" IN ('password-reset', 'email-change-verification') AND ("props"->'link') IS NOT NULL;
--> statement-breakpoint
UPDATE "outbound_emails"
SET "html" = regexp_replace("html", 'jeton=[A-Za-z0-9_%-]+', 'jeton=retire', 'g'),
    "text" = regexp_replace("text", 'jeton=[A-Za-z0-9_%-]+', 'jeton=retire', 'g')
WHERE "status" <> 'pending' AND ("html" LIKE '%jeton=%' OR "text" LIKE '%jeton=%');
