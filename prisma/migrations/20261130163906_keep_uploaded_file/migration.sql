-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN     "sourceFile" BYTEA;
