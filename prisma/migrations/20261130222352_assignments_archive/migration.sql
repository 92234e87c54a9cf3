-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Assignment" (
    "roomId" UUID NOT NULL,
    "instructions" TEXT NOT NULL DEFAULT '',
    "opensAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("roomId")
);

-- CreateTable
CREATE TABLE "AssignmentExtension" (
    "roomId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssignmentExtension_pkey" PRIMARY KEY ("roomId","userId")
);

-- CreateTable
CREATE TABLE "ParticipationSnapshot" (
    "id" UUID NOT NULL,
    "roomId" UUID NOT NULL,
    "takenById" UUID,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3),
    "rows" JSONB NOT NULL,

    CONSTRAINT "ParticipationSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AssignmentExtension_userId_idx" ON "AssignmentExtension"("userId");

-- CreateIndex
CREATE INDEX "ParticipationSnapshot_roomId_takenAt_idx" ON "ParticipationSnapshot"("roomId", "takenAt");

-- CreateIndex
CREATE INDEX "ParticipationSnapshot_takenById_idx" ON "ParticipationSnapshot"("takenById");

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentExtension" ADD CONSTRAINT "AssignmentExtension_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Assignment"("roomId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentExtension" ADD CONSTRAINT "AssignmentExtension_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationSnapshot" ADD CONSTRAINT "ParticipationSnapshot_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationSnapshot" ADD CONSTRAINT "ParticipationSnapshot_takenById_fkey" FOREIGN KEY ("takenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
