// Label mutations. Reading labels goes through Board.labels and Task.labels (batched loaders).
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { parseId } from '../../lib/ids.js';
import { CreateLabelInput, UpdateLabelInput } from './label.input.js';
import { Label } from './label.type.js';
import type { Viewer } from '../auth/viewer.js';
import { CurrentViewer, IdArg } from '../shared/decorators.js';

@Resolver(() => Label)
export class LabelResolver {
  @Authorized()
  @Mutation(() => Label, { description: "Adds a label to a board's set. Any member." })
  createLabel(
    @Arg('input', () => CreateLabelInput) input: CreateLabelInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.labels.create(
      viewer.userId,
      parseId(input.boardId, 'boardId'),
      input.name,
      input.color,
      input.idempotencyKey,
    );
  }

  @Authorized()
  @Mutation(() => Label, { description: 'Renames or recolours a label. Any member.' })
  updateLabel(
    @Arg('input', () => UpdateLabelInput) input: UpdateLabelInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.labels.update(viewer.userId, parseId(input.id), {
      name: input.name,
      color: input.color,
    });
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Deletes a label and takes it off every task; returns its id. Any member.' })
  async deleteLabel(@IdArg('id') id: number, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    await ctx.services.labels.delete(viewer.userId, id);
    return id;
  }
}
