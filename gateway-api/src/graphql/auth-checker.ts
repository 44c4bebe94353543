// @Authorized() only says "signed in"; what a viewer may do on a board is decided in the services.
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../modules/context.js';
import { unauthenticated } from '../lib/errors.js';

export const authChecker: AuthChecker<Context> = ({ context }) => {
  if (!context.viewer) throw unauthenticated();
  return true;
};
