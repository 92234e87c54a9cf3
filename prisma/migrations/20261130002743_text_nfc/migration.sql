-- A data migration, written by hand (schema.prisma did not change, so the snapshot beside it is the previous one).
-- Text people typed before the request schemas normalized it is brought to NFC too, so that search and the tag
-- filter find it whatever Unicode form it was typed in. Emails are left alone: their unique index could refuse
-- two addresses that normalize alike. Block texts are left alone: the importer always stored them in NFC, and
-- anchors count offsets in them.
UPDATE "Thread" SET "body" = normalize("body", NFC) WHERE "body" IS NOT NFC NORMALIZED;
UPDATE "Thread" SET "hiddenReason" = normalize("hiddenReason", NFC) WHERE "hiddenReason" IS NOT NFC NORMALIZED;
UPDATE "Thread"
   SET "tags" = ARRAY(SELECT normalize(u.tag, NFC) FROM unnest("tags") WITH ORDINALITY AS u(tag, n) ORDER BY u.n)
 WHERE EXISTS (SELECT 1 FROM unnest("tags") AS tag WHERE tag IS NOT NFC NORMALIZED);
UPDATE "Comment" SET "body" = normalize("body", NFC) WHERE "body" IS NOT NFC NORMALIZED;
UPDATE "Comment" SET "hiddenReason" = normalize("hiddenReason", NFC) WHERE "hiddenReason" IS NOT NFC NORMALIZED;
UPDATE "User" SET "displayName" = normalize("displayName", NFC) WHERE "displayName" IS NOT NFC NORMALIZED;
UPDATE "Group" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
UPDATE "Group" SET "description" = normalize("description", NFC) WHERE "description" IS NOT NFC NORMALIZED;
UPDATE "Document" SET "title" = normalize("title", NFC) WHERE "title" IS NOT NFC NORMALIZED;
UPDATE "Document" SET "author" = normalize("author", NFC) WHERE "author" IS NOT NFC NORMALIZED;
