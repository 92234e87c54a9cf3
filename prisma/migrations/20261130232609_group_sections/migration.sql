-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "sectionId" UUID;

-- CreateTable
CREATE TABLE "Section" (
    "id" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Section_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Section_groupId_name_key" ON "Section"("groupId", "name");

-- CreateIndex
CREATE INDEX "Membership_sectionId_idx" ON "Membership"("sectionId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
