import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { STATUS_DEPRECATION, TaskStatus } from './task-status.js';
import { ConnectionType } from '../shared/connection.js';
import type { Label } from '../label/label.type.js';

@ObjectType('Task', { simpleResolvers: true, description: 'A unit of work in one of a board’s columns.' })
export class Task {
  @Field(() => ID)
  id!: number;

  /** its comments, when the statement that read the task counted them (TaskService.columns); not a field */
  commentCount?: number;

  /** its labels by name, when the write that made the task read them (TaskService.create, update); not a field */
  labels?: Label[];

  @Field(() => ID)
  boardId!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => TaskStatus, {
    deprecationReason: STATUS_DEPRECATION,
    description: "Its column's status (Column.status).",
  })
  status!: TaskStatus;

  // A task the previous release wrote has none until housekeeping repairs it: the pool's reads then give
  // where the repair will put it (TaskService's RAW_TASK_COLUMNS). null only on a board left without columns.
  @Field(() => ID, { description: 'Its column (Column.id).' })
  columnId!: number | null;

  @Field(() => Int, { description: 'Order within its column, ascending. Use moveTask to change it.' })
  position!: number;

  @Field(() => DateTimeISOResolver, { nullable: true })
  dueDate!: Date | null;

  @Field(() => Int, { description: 'Rises by one with every change; send it back as expectedVersion.' })
  version!: number;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;

  assigneeId!: number | null;
}

@ObjectType('TaskConnection', { simpleResolvers: true })
export class TaskConnection extends ConnectionType(Task, 'Task') {}
