-- DropIndex
DROP INDEX "Reaction_roomId_idx";

-- AlterTable
ALTER TABLE "Reaction" DROP CONSTRAINT "Reaction_pkey",
ADD CONSTRAINT "Reaction_pkey" PRIMARY KEY ("roomId", "targetId", "userId", "emoji");

-- AlterTable
ALTER TABLE "Mutation" ADD COLUMN     "fingerprint" TEXT;
