// Parameter decorators for what almost every resolver needs (type-graphql's createParameterDecorator):
// the signed-in viewer, and ID arguments parsed into database ids.
import { createParameterDecorator, ID } from 'type-graphql';
import { parseId } from '../../lib/ids.js';
import type { Viewer } from '../auth/viewer.js';
import { viewerOf, type Context } from '../context.js';

/** The signed-in viewer, in resolvers guarded by @Authorized(). */
export function CurrentViewer() {
  return createParameterDecorator<Context>(({ context }): Viewer => viewerOf(context));
}

/** An `ID!` argument as the database id it names; a malformed one is BAD_USER_INPUT on that argument. */
export function IdArg(name: string) {
  return createParameterDecorator<Context>(({ args }) => parseId(args[name] as string, name), {
    arg: { name, typeFunc: () => ID },
  });
}
