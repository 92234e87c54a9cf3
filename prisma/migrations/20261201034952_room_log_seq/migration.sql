-- Each room document's log gets its own gapless sequence, so that servers sharing the database can order updates
-- and see which ones they missed. Existing rows are numbered in id order (the order they were loaded in). Their
-- snapshots merged nothing numbered yet, so they start at 0.
ALTER TABLE "RoomUpdate" ADD COLUMN "seq" BIGINT;

UPDATE "RoomUpdate" AS u
   SET "seq" = numbered.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY "roomId", "scope" ORDER BY id) AS seq FROM "RoomUpdate") AS numbered
 WHERE u.id = numbered.id;

ALTER TABLE "RoomUpdate" ALTER COLUMN "seq" SET NOT NULL;

DROP INDEX "RoomUpdate_roomId_scope_id_idx";

CREATE UNIQUE INDEX "RoomUpdate_roomId_scope_seq_key" ON "RoomUpdate"("roomId", "scope", "seq");

ALTER TABLE "RoomSnapshot" ADD COLUMN "seq" BIGINT NOT NULL DEFAULT 0;
