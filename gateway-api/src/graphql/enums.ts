// The database enums, registered once as GraphQL enums.
import { registerEnumType } from 'type-graphql';
import { MemberRole, TaskStatus } from '../generated/prisma/enums.js';

export { MemberRole, TaskStatus };

registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: "A board column: a task's progress.",
});
registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'OWNER manages the board and its members; MEMBER works on its tasks.',
});

export { STATUS_ORDER } from '../modules/task/columns.js';
