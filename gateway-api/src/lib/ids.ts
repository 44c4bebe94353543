// Entity ids are database integers, exposed as GraphQL `ID` strings.
import { badInput } from './errors.js';

/** Ids are INT AUTO_INCREMENT columns: 1 to 2^31 - 1. */
export const MAX_ID = 2 ** 31 - 1;
export const isId = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_ID;

/**
 * Parses an `ID` argument; a malformed one is a BAD_USER_INPUT naming the field. Only the form the
 * API gives out is accepted: decimal digits without sign, spaces or leading zeros.
 */
export function parseId(value: string | number, field = 'id'): number {
  const text = String(value);
  if (/^[1-9][0-9]{0,9}$/.test(text) && isId(Number(text))) return Number(text);
  throw badInput({ [field]: ['must be the id of an existing item'] });
}
