import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { User } from '../user/user.type.js';
import { SignInInput, SignUpInput } from './auth.input.js';
import type { Viewer } from '../auth/viewer.js';
import { CurrentViewer } from '../shared/decorators.js';

@ObjectType('AuthPayload', {
  simpleResolvers: true,
  description: 'The result of signing up or in; the session itself travels in an httpOnly cookie.',
})
export class AuthPayload {
  @Field(() => User)
  user!: User;
}

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  async me(@Ctx() { viewer, loaders }: Context): Promise<User | null> {
    return viewer ? loaders.userById.load(viewer.userId) : null;
  }

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs in to it.' })
  async signUp(@Arg('input', () => SignUpInput) input: SignUpInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    const session = await ctx.services.auth.signUp(input);
    ctx.sessionCookie.set(session.token, session.expiresAt);
    return { user: session.user };
  }

  @Mutation(() => AuthPayload, {
    description:
      'Starts a new session. Any failure gives the same UNAUTHENTICATED message; repeated failures lock the account for a while (RATE_LIMITED).',
  })
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    const session = await ctx.services.auth.signIn(input);
    ctx.sessionCookie.set(session.token, session.expiresAt);
    return { user: session.user };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the current session.' })
  async signOut(@CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.auth.signOut(viewer);
    ctx.sessionCookie.clear();
    return true;
  }
}
