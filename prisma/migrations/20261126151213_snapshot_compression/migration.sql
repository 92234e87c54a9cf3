-- CreateEnum
CREATE TYPE "SnapshotCompression" AS ENUM ('none', 'deflate');

-- AlterTable
ALTER TABLE "RoomSnapshot" ADD COLUMN     "compression" "SnapshotCompression" NOT NULL DEFAULT 'none';

-- Snapshots arrive compressed by the server, so Postgres should not try to compress them a second time.
ALTER TABLE "RoomSnapshot" ALTER COLUMN "state" SET STORAGE EXTERNAL;
