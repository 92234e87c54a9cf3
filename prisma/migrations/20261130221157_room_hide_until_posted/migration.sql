-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "hideUntilPosted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "instructorThreadsVisible" BOOLEAN NOT NULL DEFAULT true;
