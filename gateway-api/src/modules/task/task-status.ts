// A task's column as a GraphQL enum (the database's enum, registered once).
import { registerEnumType } from 'type-graphql';
import { TaskStatus } from '../../generated/prisma/enums.js';

export { TaskStatus };

registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: "A board column: a task's progress.",
});
