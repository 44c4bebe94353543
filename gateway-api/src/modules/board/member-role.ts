// A member's role on a board as a GraphQL enum (the database's enum, registered once).
import { registerEnumType } from 'type-graphql';
import { MemberRole } from '../../generated/prisma/enums.js';

export { MemberRole };

registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'OWNER manages the board and its members; MEMBER works on its tasks.',
});
