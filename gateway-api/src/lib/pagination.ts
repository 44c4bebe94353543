// Relay cursor pagination without GraphQL: page sizes, opaque cursors (strictly decoded), and the
// connection shape (edges, node, cursor, pageInfo, totalCount) that services return.
import { badInput } from './errors.js';
import { isId } from './ids.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Cursors are opaque to clients: base64url of the sort key of the item they follow. */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * What one place of a cursor's key may hold: the values the lists themselves put there, no others.
 * Whatever a cursor decodes to goes on to SQL, a Date or Prisma, which all fail on values outside
 * these ranges (1e300, NaN-like, fractions) with errors that are not the client's to see.
 */
const CURSOR_PARTS = {
  /** a row id (INT AUTO_INCREMENT) */
  id: (v: number) => isId(v),
  /** a signed INT column, such as Task.position */
  int: (v: number) => v >= INT_MIN && v <= INT_MAX,
  /** how many items come before, in a list without a stable key */
  offset: (v: number) => v >= 0 && v <= INT_MAX,
  /** a DATETIME(3) as epoch milliseconds, within DATETIME's range (years 1000 to 9999) */
  epochMs: (v: number) => v >= Date.UTC(1000, 0, 1) && v <= Date.UTC(9999, 11, 31, 23, 59, 59, 999),
} satisfies Record<string, (value: number) => boolean>;
export type CursorPart = keyof typeof CURSOR_PARTS;

/** Longer than any cursor the lists give out ([epochMs, id] is about 40 characters). */
const MAX_CURSOR_LENGTH = 100;

/** The one answer to any cursor that is not exactly one this list gave out. */
export const badCursor = () => badInput({ after: ['is not a cursor this list gave out'] }, 'The cursor is not valid.');

/**
 * The key in a cursor, checked against `shape`: an array of integers, each in its part's range, and
 * encoded exactly as encodeCursor encodes it (so no padding, spaces, `1.0` or `1e3`). undefined for
 * no cursor; BAD_USER_INPUT on `after` for anything else.
 */
export function decodeCursor<const S extends readonly CursorPart[]>(
  cursor: string | null | undefined,
  shape: S,
): { -readonly [K in keyof S]: number } | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  if (cursor.length > MAX_CURSOR_LENGTH) throw badCursor();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const valid =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((v: unknown, i) => Number.isInteger(v) && CURSOR_PARTS[shape[i]!](v as number)) &&
    encodeCursor(key as number[]) === cursor;
  if (!valid) throw badCursor();
  return key as { -readonly [K in keyof S]: number };
}

/**
 * Builds a connection from `rows`, fetched with LIMIT first + 1: the extra row only says whether
 * another page exists.
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  totalCount: number,
  keyOf: (row: T) => (string | number)[],
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
