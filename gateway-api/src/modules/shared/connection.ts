// The GraphQL side of Relay cursor connections: PageInfo, the `first`/`after` arguments with their
// limits, and `<Name>Connection`/`<Name>Edge` types for a node type (lib/pagination.ts has the rest).
import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageInfo as PageInfoShape } from '../../lib/pagination.js';

@ObjectType('PageInfo', {
  simpleResolvers: true,
  description: 'Where a page sits in its list (Relay cursor connections).',
})
export class PageInfo implements PageInfoShape {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Backward pagination is not supported: always false.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** `first`: how many items a list returns (a page, or each column's first tasks). */
@ArgsType()
export class FirstArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return: 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first: number = DEFAULT_PAGE_SIZE;
}

/** `first` and `after`: one page of a cursor connection. */
@ArgsType()
export class PageArgs extends FirstArgs {
  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (from pageInfo.endCursor).' })
  after?: string | null;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` object types for a node type: `name` is its GraphQL
 * name (never the class's own, which a bundler may change, see scripts/build.mjs).
 */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds.' })
    totalCount!: number;
  }
  return ConnectionClass;
}
