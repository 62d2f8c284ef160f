import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Principal } from '../auth/principal.js';
import { fakeMemberships } from './memberships.fixture.js';
import { OrgAccess } from './org-access.js';

const orgA = new Types.ObjectId().toHexString();
const orgB = new Types.ObjectId().toHexString();
const [owner, admin, member, outsider] = Array.from({ length: 4 }, () => new Types.ObjectId().toHexString());

const user = (userId: string): Principal => ({ kind: 'user', userId, sessionId: 's' });
const key = (orgId: string, scopes: string[]): Principal => ({ kind: 'apiKey', keyId: 'k', orgId, scopes });

describe('OrgAccess', () => {
  const { repository } = fakeMemberships([
    { orgId: orgA, userId: owner, role: 'owner' },
    { orgId: orgA, userId: admin, role: 'admin' },
    { orgId: orgA, userId: member, role: 'member' },
    { orgId: orgB, userId: outsider, role: 'owner' },
  ]);
  const access = new OrgAccess(repository);

  it("answers a non-member with 404, whatever the role they'd need, so another org's id reveals nothing", async () => {
    await expect(access.require(user(outsider), orgA)).rejects.toBeInstanceOf(NotFoundException);
    await expect(access.require(user(outsider), orgA, { role: 'owner' })).rejects.toBeInstanceOf(NotFoundException);
    await expect(access.require(user(owner), new Types.ObjectId().toHexString())).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('grants members their role and refuses a role below the one needed with 403', async () => {
    await expect(access.require(user(member), orgA)).resolves.toEqual({ orgId: orgA, role: 'member' });
    await expect(access.require(user(member), orgA, { role: 'admin' })).rejects.toBeInstanceOf(ForbiddenException);
    await expect(access.require(user(admin), orgA, { role: 'admin' })).resolves.toEqual({ orgId: orgA, role: 'admin' });
    await expect(access.require(user(admin), orgA, { role: 'owner' })).rejects.toBeInstanceOf(ForbiddenException);
    await expect(access.require(user(owner), orgA, { role: 'admin' })).resolves.toEqual({ orgId: orgA, role: 'owner' });
  });

  it('checks users by role only: a scope asked for API keys does not limit them', async () => {
    await expect(access.require(user(member), orgA, { scope: 'members:write' })).resolves.toMatchObject({
      role: 'member',
    });
  });

  it('answers an API key with 404 for another organization, even with every scope', async () => {
    await expect(access.require(key(orgB, ['orgs:read']), orgA, { scope: 'orgs:read' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('lets an API key in with the scope, and answers 403 without it or when the route names none', async () => {
    await expect(
      access.require(key(orgA, ['members:read']), orgA, { role: 'admin', scope: 'members:read' }),
    ).resolves.toEqual({ orgId: orgA });
    await expect(access.require(key(orgA, ['members:read']), orgA, { scope: 'members:write' })).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(access.require(key(orgA, ['members:read']), orgA, { role: 'admin' })).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('compares ids without regard to case', async () => {
    await expect(access.require(user(member), orgA.toUpperCase())).resolves.toEqual({ orgId: orgA, role: 'member' });
    await expect(access.require(key(orgA, ['orgs:read']), orgA.toUpperCase(), { scope: 'orgs:read' })).resolves.toEqual(
      { orgId: orgA },
    );
  });
});
