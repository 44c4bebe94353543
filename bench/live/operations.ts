// The subscription every follower holds: the web client's own BoardEvents (web-client/src/board/
// boardEvents.ts), read from its generated documents and printed as its Apollo Client sends it
// (fragments as written, `__typename` added), so the bench follows the client's document as it changes.
import { wireDocuments } from '../api/drift.js';

export async function boardEventsDocument(): Promise<string> {
  const { BoardEventsDocument: text } = await wireDocuments(['BoardEventsDocument']);
  if (!text || text === '(missing)') throw new Error("the web client's BoardEvents subscription is missing");
  return text;
}

/** The kinds the load's writes make: createTask's and moveTask's. */
export type WriteKind = 'TASK_CREATED' | 'TASK_MOVED';
