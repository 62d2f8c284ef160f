import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { Types } from 'mongoose';
import type { AuditLogService } from '../audit/audit-log.service.js';
import type { Principal } from '../auth/principal.js';
import type { UsersRepository } from '../users/users.repository.js';
import { MembersService } from './members.service.js';
import { fakeMemberships } from './memberships.fixture.js';
import { OrgAccess } from './org-access.js';
import type { Role } from './roles.js';

const orgId = new Types.ObjectId().toHexString();
const id = () => new Types.ObjectId().toHexString();
const user = (userId: string): Principal => ({ kind: 'user', userId, sessionId: 's' });
/** A key admitted to the members:write routes. */
const key = (scopes: string[]): Principal => ({
  kind: 'apiKey',
  keyId: 'k',
  orgId,
  scopes,
  routeScope: 'members:write',
});

function setUp(members: Record<string, Role>) {
  const memberships = fakeMemberships(Object.entries(members).map(([userId, role]) => ({ orgId, userId, role })));
  const users = {
    findById: async (userId: string) => ({
      _id: new Types.ObjectId(userId),
      email: `${userId}@example.com`,
      name: userId,
    }),
    findByIds: async (ids: string[]) =>
      ids.map((userId) => ({
        _id: new Types.ObjectId(userId),
        email: `${userId}@example.com`,
        name: userId,
        passwordHash: 'h',
      })),
  } as unknown as UsersRepository;
  const recorded: string[] = [];
  const audit = {
    record: async (_org: string, _actor: unknown, event: { action: string; target: string }) =>
      void recorded.push(`${event.action} ${event.target}`),
  } as unknown as AuditLogService;
  const service = new MembersService(new OrgAccess(memberships.repository), memberships.repository, users, audit);
  const roleOf = (userId: string) => memberships.rows.find((m) => m.userId.toHexString() === userId)?.role;
  return { service, recorded, roleOf };
}

describe('MembersService', () => {
  const [owner, owner2, admin, admin2, member] = [id(), id(), id(), id(), id()];

  it('lists members with email, name and role only', async () => {
    const { service } = setUp({ [owner]: 'owner', [member]: 'member' });
    const members = await service.list(user(member), orgId);
    expect(members).toEqual([
      { userId: owner, email: `${owner}@example.com`, name: owner, role: 'owner', joinedAt: expect.any(Date) },
      { userId: member, email: `${member}@example.com`, name: member, role: 'member', joinedAt: expect.any(Date) },
    ]);
  });

  it('lets admins change roles below owner, and audits the change', async () => {
    const { service, recorded, roleOf } = setUp({ [owner]: 'owner', [admin]: 'admin', [member]: 'member' });
    await expect(service.changeRole(user(admin), orgId, member, 'admin', '1.2.3.4')).resolves.toMatchObject({
      userId: member,
      role: 'admin',
    });
    expect(roleOf(member)).toBe('admin');
    expect(recorded).toEqual([`member.role_changed user:${member}`]);
  });

  it('lets only an owner grant or take away owner', async () => {
    const { service, roleOf } = setUp({ [owner]: 'owner', [owner2]: 'owner', [admin]: 'admin', [member]: 'member' });
    await expect(service.changeRole(user(admin), orgId, member, 'owner', '')).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(service.changeRole(user(admin), orgId, admin, 'owner', '')).rejects.toBeInstanceOf(ForbiddenException);
    await expect(service.changeRole(user(admin), orgId, owner2, 'member', '')).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(service.changeRole(key(['members:write']), orgId, member, 'owner', '')).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(service.changeRole(user(owner), orgId, member, 'owner', '')).resolves.toMatchObject({ role: 'owner' });
    await expect(service.changeRole(user(owner), orgId, owner2, 'admin', '')).resolves.toMatchObject({ role: 'admin' });
    expect([roleOf(member), roleOf(owner2)]).toEqual(['owner', 'admin']);
  });

  it('refuses members changing roles, and a role change for someone not in the organization', async () => {
    const { service } = setUp({ [owner]: 'owner', [member]: 'member' });
    await expect(service.changeRole(user(member), orgId, member, 'admin', '')).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(service.changeRole(user(owner), orgId, id(), 'admin', '')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('never demotes the last owner', async () => {
    const { service, roleOf } = setUp({ [owner]: 'owner', [admin]: 'admin' });
    await expect(service.changeRole(user(owner), orgId, owner, 'admin', '')).rejects.toBeInstanceOf(ConflictException);
    expect(roleOf(owner)).toBe('owner');
  });

  it('keeps an owner when two owners step each other down at the same time', async () => {
    const { service, roleOf } = setUp({ [owner]: 'owner', [owner2]: 'owner' });
    const results = await Promise.allSettled([
      service.changeRole(user(owner), orgId, owner2, 'member', ''),
      service.changeRole(user(owner2), orgId, owner, 'member', ''),
    ]);
    expect(results.map((r) => r.status)).toContain('rejected');
    expect([roleOf(owner), roleOf(owner2)]).toContain('owner');
  });

  it('lets admins remove members and admins, and any member leave', async () => {
    const { service, recorded, roleOf } = setUp({
      [owner]: 'owner',
      [admin]: 'admin',
      [admin2]: 'admin',
      [member]: 'member',
    });
    await service.remove(user(admin), orgId, admin2, '');
    await service.remove(user(member), orgId, member, '');
    expect([roleOf(admin2), roleOf(member)]).toEqual([undefined, undefined]);
    expect(recorded).toEqual([`member.removed user:${admin2}`, `member.removed user:${member}`]);
  });

  it('refuses a member removing someone else, and an admin removing an owner', async () => {
    const { service, roleOf } = setUp({ [owner]: 'owner', [admin]: 'admin', [member]: 'member' });
    await expect(service.remove(user(member), orgId, admin, '')).rejects.toBeInstanceOf(ForbiddenException);
    await expect(service.remove(user(admin), orgId, owner, '')).rejects.toBeInstanceOf(ForbiddenException);
    expect([roleOf(admin), roleOf(owner)]).toEqual(['admin', 'owner']);
  });

  it('never removes the last owner, even when they leave themselves', async () => {
    const { service, roleOf } = setUp({ [owner]: 'owner', [member]: 'member' });
    await expect(service.remove(user(owner), orgId, owner, '')).rejects.toBeInstanceOf(ConflictException);
    expect(roleOf(owner)).toBe('owner');
  });

  it('lets an owner leave or be removed while another owner remains', async () => {
    const { service, roleOf } = setUp({ [owner]: 'owner', [owner2]: 'owner', [admin]: 'admin' });
    await service.remove(user(owner), orgId, owner2, '');
    expect(roleOf(owner2)).toBeUndefined();
    await expect(service.remove(user(owner), orgId, owner, '')).rejects.toBeInstanceOf(ConflictException);
  });
});
