// Entity ids are database integers, exposed as GraphQL `ID` strings.
import { badInput } from './errors.js';

/** Parses an `ID` argument; a malformed one is a BAD_USER_INPUT naming the field. */
export function parseId(value: string | number, field = 'id'): number {
  const text = String(value).trim();
  if (/^\d{1,10}$/.test(text)) {
    const id = Number(text);
    if (id > 0 && id <= 2_147_483_647) return id;
  }
  throw badInput({ [field]: ['must be the id of an existing item'] });
}
