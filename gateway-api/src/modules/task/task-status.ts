// A task's column as a GraphQL enum (the database's enum, registered once).
import { registerEnumType } from 'type-graphql';
import { TaskStatus } from '../../generated/prisma/enums.js';

export { TaskStatus };

registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: "A board column: a task's progress.",
});

/** Why the `status` fields are deprecated, and until when they work: the README's "Contract changes". */
export const STATUS_DEPRECATION =
  'Use columnId (Column.id): a board\'s columns are its own. Kept for clients of the previous release until the release after next (README, "Contract changes").';
