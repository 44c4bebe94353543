import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Connection } from '../../lib/pagination.js';
import { STATUS_DEPRECATION, TaskStatus } from '../task/task-status.js';
import type { Task } from '../task/task.type.js';

@ObjectType('Column', {
  simpleResolvers: true,
  description: "A column of a board, with its tasks in order. A board's columns are its own.",
})
export class Column {
  @Field(() => ID)
  id!: number;

  boardId!: number;

  @Field(() => String, { description: '1 to 60 characters.' })
  name!: string;

  @Field(() => Int, { description: 'Its place on the board: 0 for the first column, then 1, 2, ...' })
  position!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'How many tasks the team wants in it at most: shown when exceeded, never enforced. null: no limit.',
  })
  wipLimit!: number | null;

  @Field(() => TaskStatus, {
    deprecationReason: STATUS_DEPRECATION,
    description:
      'What clients of the previous release see for its tasks: To do, In progress and Done keep theirs; a column added since is IN_PROGRESS.',
  })
  status!: TaskStatus;

  /** its first tasks, when Board.columns read them with the column */
  firstTasks?: Connection<Task>;
}
