-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "editedAt" TIMESTAMP(3);
