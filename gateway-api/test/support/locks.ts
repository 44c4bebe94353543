// Tests that hold a Board row's lock from their own connection (SELECT ... FOR UPDATE) and need to
// know when the API's request is waiting for it: every write on a board starts by taking that lock
// (modules/live/outbox.ts lockBoard), and some then UPDATE the Board.
import type { Connection } from 'mariadb';
import { eventually } from '@taskboard/test-kit/waiting';

const WAITING_ON_BOARD =
  'SELECT ID AS id FROM information_schema.PROCESSLIST ' +
  "WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND (INFO LIKE 'UPDATE %Board%' OR INFO LIKE 'SELECT %FROM Board%FOR UPDATE%')";

/** The id of the API's connection that waits for our lock on a Board row, once it does. */
export async function waitForBoardLockWait(admin: Connection, seconds = 30): Promise<number> {
  return eventually(
    seconds,
    async () => {
      const [row] = await admin.query<{ id: bigint | number }[]>(WAITING_ON_BOARD);
      return row ? Number(row.id) : undefined;
    },
    { intervalMs: 50, context: () => 'the request never waited on the Board row lock' },
  );
}
