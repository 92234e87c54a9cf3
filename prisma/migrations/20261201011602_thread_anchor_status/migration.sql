-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "anchorChange" JSONB,
ADD COLUMN     "anchorStatus" TEXT NOT NULL DEFAULT 'unchanged',
ADD COLUMN     "versionNumber" INTEGER;
