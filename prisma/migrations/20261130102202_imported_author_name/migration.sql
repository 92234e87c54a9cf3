-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "importedAuthorName" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "importedAuthorName" TEXT;
