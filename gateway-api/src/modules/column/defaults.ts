// The columns a board starts with, shared by the API, the seed and the bench (no GraphQL imports
// here: the seed and the end-to-end tests load this without type-graphql's decorators).
import { TaskStatus } from '../../generated/prisma/enums.js';

/** What a new board starts with (and what the board_columns migration gave every board that existed). */
export const DEFAULT_COLUMNS = [
  { name: 'To do', status: TaskStatus.TODO },
  { name: 'In progress', status: TaskStatus.IN_PROGRESS },
  { name: 'Done', status: TaskStatus.DONE },
] as const;
