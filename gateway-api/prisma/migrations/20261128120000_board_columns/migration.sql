-- Each board gets its own columns (issue 15). Expand only: the previous release, which knows columns
-- by Task.status, keeps working against this schema during a rollout or after a rollback. Task.status
-- stays, and this release keeps it equal to its column's status; Task.columnId may be null (a task the
-- previous release created), which housekeeping repairs (ColumnService.repairLegacyTasks). A later
-- release makes columnId required and drops status.

-- CreateTable
CREATE TABLE `BoardColumn` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `boardId` INTEGER NOT NULL,
    `name` VARCHAR(60) NOT NULL,
    `position` INTEGER NOT NULL,
    `wipLimit` INTEGER NULL,
    `status` ENUM('TODO', 'IN_PROGRESS', 'DONE') NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `BoardColumn_boardId_position_idx`(`boardId`, `position`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `BoardColumn` ADD CONSTRAINT `BoardColumn_boardId_fkey` FOREIGN KEY (`boardId`) REFERENCES `Board`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- The three columns every board had, as columns of its own, in the order they were shown.
INSERT INTO `BoardColumn` (`boardId`, `name`, `position`, `status`, `createdAt`, `updatedAt`)
SELECT `id`, 'To do', 0, 'TODO', CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3) FROM `Board`
UNION ALL
SELECT `id`, 'In progress', 1, 'IN_PROGRESS', CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3) FROM `Board`
UNION ALL
SELECT `id`, 'Done', 2, 'DONE', CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3) FROM `Board`;

-- AlterTable, CreateIndex, AddForeignKey: in one statement, so that InnoDB rebuilds Task once (its
-- full-text index makes adding a column a rebuild, during which writes to Task wait; measured on
-- 100 000 tasks: 1.4-2.5 s, and as much again for a separate foreign key). Every columnId is null
-- here, so the foreign key has nothing to check yet.
ALTER TABLE `Task` ADD COLUMN `columnId` INTEGER NULL,
    ADD INDEX `Task_columnId_position_idx`(`columnId`, `position`),
    ADD CONSTRAINT `Task_columnId_fkey` FOREIGN KEY (`columnId`) REFERENCES `BoardColumn`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- Every task into its board's column of its status: same order (position is unchanged, and it now
-- orders the column), same version and updatedAt (nothing about the task changed).
UPDATE `Task` t
JOIN `BoardColumn` c ON c.`boardId` = t.`boardId` AND c.`status` = t.`status`
SET t.`columnId` = c.`id`;

-- AlterTable
ALTER TABLE `BoardEvent` MODIFY `kind` ENUM('TASK_CREATED', 'TASK_UPDATED', 'TASK_MOVED', 'TASK_DELETED', 'COMMENT_ADDED', 'COMMENT_UPDATED', 'COMMENT_DELETED', 'LABEL_CREATED', 'LABEL_UPDATED', 'LABEL_DELETED', 'MEMBER_ADDED', 'MEMBER_REMOVED', 'BOARD_RENAMED', 'BOARD_DELETED', 'COLUMN_CREATED', 'COLUMN_UPDATED', 'COLUMN_MOVED', 'COLUMN_DELETED') NOT NULL;
