// Label mutations. Reading labels goes through Board.labels and Task.labels (batched loaders).
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { parseId } from '../../graphql/ids.js';
import { CreateLabelInput, UpdateLabelInput } from './label.input.js';
import { Label } from './label.type.js';

@Resolver(() => Label)
export class LabelResolver {
  @Authorized()
  @Mutation(() => Label, { description: "Adds a label to a board's set. Any member." })
  createLabel(@Arg('input', () => CreateLabelInput) input: CreateLabelInput, @Ctx() ctx: Context) {
    return ctx.services.labels.create(
      viewerOf(ctx).userId,
      parseId(input.boardId, 'boardId'),
      input.name,
      input.color,
      input.idempotencyKey,
    );
  }

  @Authorized()
  @Mutation(() => Label, { description: 'Renames or recolours a label. Any member.' })
  updateLabel(@Arg('input', () => UpdateLabelInput) input: UpdateLabelInput, @Ctx() ctx: Context) {
    return ctx.services.labels.update(viewerOf(ctx).userId, parseId(input.id), {
      name: input.name,
      color: input.color,
    });
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Deletes a label and takes it off every task; returns its id. Any member.' })
  async deleteLabel(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const labelId = parseId(id);
    await ctx.services.labels.delete(viewerOf(ctx).userId, labelId);
    return labelId;
  }
}
