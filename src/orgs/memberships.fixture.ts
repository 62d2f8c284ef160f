import { Types } from 'mongoose';
import type { MembershipRecord } from './membership.schema.js';
import type { MembershipsRepository } from './memberships.repository.js';
import type { Role } from './roles.js';

/**
 * MembershipsRepository in memory, for unit specs. Every call yields once, as a database round trip
 * would, so concurrent calls interleave.
 */
export function fakeMemberships(initial: { orgId: string; userId: string; role: Role }[] = []) {
  const rows: MembershipRecord[] = [];
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const match = (orgId: string, userId?: string) => (m: MembershipRecord) =>
    m.orgId.toHexString() === orgId.toLowerCase() &&
    (userId === undefined || m.userId.toHexString() === userId.toLowerCase());
  const add = (orgId: string, userId: string, role: Role): MembershipRecord => {
    const row = {
      _id: new Types.ObjectId(),
      orgId: new Types.ObjectId(orgId),
      userId: new Types.ObjectId(userId),
      role,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    rows.push(row);
    return row;
  };
  for (const m of initial) add(m.orgId, m.userId, m.role);

  const repository: Pick<
    MembershipsRepository,
    'add' | 'find' | 'list' | 'countOwners' | 'setRole' | 'remove' | 'forUser'
  > = {
    add: async (orgId, userId, role) => (await tick(), add(orgId, userId, role)),
    find: async (orgId, userId) => (await tick(), rows.find(match(orgId, userId)) ?? null),
    list: async (orgId) => (await tick(), rows.filter(match(orgId))),
    countOwners: async (orgId) => (await tick(), rows.filter((m) => match(orgId)(m) && m.role === 'owner').length),
    async setRole(orgId, userId, role, expected) {
      await tick();
      const row = rows.find(match(orgId, userId));
      if (!row || (expected && row.role !== expected)) return false;
      row.role = role;
      return true;
    },
    async remove(orgId, userId) {
      await tick();
      const index = rows.findIndex(match(orgId, userId));
      if (index >= 0) rows.splice(index, 1);
      return index >= 0;
    },
    forUser: async (userId) => (await tick(), rows.filter((m) => m.userId.toHexString() === userId)),
  };
  return { repository: repository as MembershipsRepository, rows };
}
