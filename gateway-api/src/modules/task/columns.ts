// How a board's columns are ordered, shared by the API and the seed (no GraphQL imports here).
import { TaskStatus } from '../../generated/prisma/enums.js';

/** Column order on a board. */
export const STATUS_ORDER = [TaskStatus.TODO, TaskStatus.IN_PROGRESS, TaskStatus.DONE] as const;

/** gap between neighbours' positions, so a task can move between two others without renumbering */
export const POSITION_STEP = 1000;
