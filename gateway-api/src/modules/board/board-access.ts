// Authorization on boards, used by every service that touches a board's data. A board the viewer
// is not a member of is reported as NOT_FOUND, exactly like one that does not exist, so ids
// cannot be probed.
import type { Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
import { MemberRole } from '../../generated/prisma/enums.js';
import { forbidden, notFound } from '../../lib/errors.js';

export class BoardAccess {
  constructor(private readonly sql: Sql) {}

  /** The viewer's role on the board, or null when they are not a member. One query. */
  async roleOf(userId: number, boardId: number): Promise<MemberRole | null> {
    const [membership] = await this.sql<{ role: MemberRole }>(
      Prisma.sql`SELECT role FROM Membership WHERE boardId = ${boardId} AND userId = ${userId}`,
    );
    return membership?.role ?? null;
  }

  /** Any member may read the board and work on its tasks. */
  async requireMember(userId: number, boardId: number): Promise<MemberRole> {
    const role = await this.roleOf(userId, boardId);
    if (!role) throw notFound('Board');
    return role;
  }

  /** Only an OWNER manages the board itself and its members. */
  async requireOwner(userId: number, boardId: number, action: string): Promise<void> {
    const role = await this.requireMember(userId, boardId);
    if (role !== MemberRole.OWNER) throw forbidden(`Only the board's owner can ${action}.`);
  }
}
