import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { MemberRole } from './member-role.js';
import { ConnectionType } from '../shared/connection.js';
import { User } from '../user/user.type.js';

@ObjectType('Board', { simpleResolvers: true, description: 'A task board shared by its members.' })
export class Board {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => MemberRole, { description: "The signed-in user's role on this board." })
  viewerRole!: MemberRole;

  /** the newest live event id when the board was read (BoardService.get), for liveFrom; not a field */
  newestEventId?: bigint;
}

@ObjectType('BoardConnection', { simpleResolvers: true })
export class BoardConnection extends ConnectionType(Board, 'Board') {}

@ObjectType('Member', { simpleResolvers: true, description: "A user's place on a board." })
export class Member {
  @Field(() => User)
  user!: User;

  @Field(() => MemberRole)
  role!: MemberRole;

  @Field(() => DateTimeISOResolver)
  joinedAt!: Date;
}
