import { getModelToken } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Model } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import { AuditLogRepository } from '../src/audit/audit-log.repository.js';
import { hashSecret } from '../src/auth/passwords.js';
import { CLOCK, type Clock } from '../src/common/clock.js';
import { CommonModule } from '../src/common/common.module.js';
import { SecretBox } from '../src/common/crypto/secret-box.js';
import { loadConfig } from '../src/config/config.js';
import { ConfigModule } from '../src/config/config.module.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { MfaModule } from '../src/mfa/mfa.module.js';
import { MfaService } from '../src/mfa/mfa.service.js';
import { MfaChallenge } from '../src/mfa/mfa-challenge.schema.js';
import { MFA_CHALLENGE_TTL_MS, MfaChallenges } from '../src/mfa/mfa-challenges.js';
import { MfaEnrollment } from '../src/mfa/mfa-enrollment.service.js';
import { MembershipsRepository } from '../src/orgs/memberships.repository.js';
import { OrganizationsRepository } from '../src/orgs/organizations.repository.js';
import { QueuesModule } from '../src/queues/queues.module.js';
import { RedisModule } from '../src/redis/redis.module.js';
import type { UserRecord } from '../src/users/user.schema.js';
import { UsersRepository } from '../src/users/users.repository.js';
import { isolatedEnv } from './support/test-env.js';

const STEP_MS = 30_000;
// 10 s into a time step, so moving by whole steps never lands on a boundary.
const START = Math.floor(Date.now() / STEP_MS) * STEP_MS + 10_000;

/** A code from otplib (not our code), for the step `steps` away from the clock's current one. */
const codeAt = (secret: string, at: Date, steps = 0) =>
  generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) + steps * 30 });

describe('MFA service and challenges (FerretDB)', () => {
  let module: TestingModule;
  let now: Date;
  const clock: Clock = { now: () => now };
  const moveClock = (ms: number) => (now = new Date(now.getTime() + ms));
  let users: UsersRepository;
  let mfa: MfaService;
  let enrollment: MfaEnrollment;
  let challenges: MfaChallenges;
  let challengeModel: Model<MfaChallenge>;

  beforeAll(async () => {
    const config = loadConfig(isolatedEnv());
    module = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), CommonModule, DatabaseModule, RedisModule, QueuesModule, MfaModule],
    })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    await module.init();
    users = module.get(UsersRepository, { strict: false });
    mfa = module.get(MfaService, { strict: false });
    enrollment = module.get(MfaEnrollment, { strict: false });
    challenges = module.get(MfaChallenges, { strict: false });
    challengeModel = module.get(getModelToken(MfaChallenge.name), { strict: false });
  });

  beforeEach(() => {
    now = new Date(START);
  });

  afterAll(async () => {
    await challengeModel?.db.dropDatabase();
    await module?.close();
  });

  async function newUser(): Promise<{ user: UserRecord; password: string }> {
    const password = `pw-${randomBytes(9).toString('base64url')}`;
    const user = await users.create({
      email: `u-${randomBytes(5).toString('hex')}@example.com`,
      name: 'Ada',
      passwordHash: await hashSecret(password),
    });
    return { user, password };
  }

  /** A user with MFA on, set up through the enrollment service the routes use; enabled at START. */
  async function userWithMfa() {
    const { user, password } = await newUser();
    const userId = user._id.toHexString();
    const { secret } = await enrollment.setup(userId, password);
    const enableCode = codeAt(secret, now);
    const { recoveryCodes } = await enrollment.enable(userId, enableCode, '203.0.113.7');
    return { userId, secret, enableCode, recoveryCodes, reload: async () => (await users.findById(userId))! };
  }

  describe('verify with TOTP', () => {
    it('accepts a code once and refuses it the second time', async () => {
      const { secret, reload } = await userWithMfa();
      moveClock(STEP_MS);
      const code = codeAt(secret, now);
      await expect(mfa.verify(await reload(), code)).resolves.toEqual({ ok: true, method: 'totp' });
      await expect(mfa.verify(await reload(), code)).resolves.toEqual({ ok: false, reason: 'replayed' });
    });

    it('refuses the code that turned MFA on', async () => {
      const { enableCode, reload } = await userWithMfa();
      await expect(mfa.verify(await reload(), enableCode)).resolves.toEqual({ ok: false, reason: 'replayed' });
    });

    it('accepts a code from the previous step (clock drift)', async () => {
      const { secret, reload } = await userWithMfa();
      moveClock(2 * STEP_MS);
      await expect(mfa.verify(await reload(), codeAt(secret, now, -1))).resolves.toEqual({ ok: true, method: 'totp' });
    });

    it('refuses a code from two steps ago, and a wrong code', async () => {
      const { secret, reload } = await userWithMfa();
      moveClock(3 * STEP_MS);
      await expect(mfa.verify(await reload(), codeAt(secret, now, -2))).resolves.toEqual({
        ok: false,
        reason: 'invalid',
      });
      const wrong = String((Number(codeAt(secret, now)) + 1) % 1_000_000).padStart(6, '0');
      await expect(mfa.verify(await reload(), wrong)).resolves.toEqual({ ok: false, reason: 'invalid' });
    });

    it('refuses an older step once a later one was used', async () => {
      const { secret, reload } = await userWithMfa();
      moveClock(2 * STEP_MS);
      await expect(mfa.verify(await reload(), codeAt(secret, now))).resolves.toMatchObject({ ok: true });
      await expect(mfa.verify(await reload(), codeAt(secret, now, -1))).resolves.toEqual({
        ok: false,
        reason: 'replayed',
      });
    });

    it('says not_enabled for a user without MFA', async () => {
      const { user } = await newUser();
      await expect(mfa.verify(user, '123456')).resolves.toEqual({ ok: false, reason: 'not_enabled' });
    });

    it('stores the secret encrypted, bound to its user', async () => {
      const { userId, secret, reload } = await userWithMfa();
      const stored = (await reload()).mfa;
      expect(stored).toMatchObject({ enabled: true, pendingSecret: null, enabledAt: new Date(START) });
      expect(JSON.stringify(stored)).not.toContain(secret);
      expect(module.get(SecretBox, { strict: false }).decrypt(stored.secret!, userId)).toBe(secret);
    });
  });

  describe('verify with a recovery code', () => {
    it('accepts a code once, whatever its case and spacing, and records it in the audit log', async () => {
      const { userId, recoveryCodes, reload } = await userWithMfa();
      const org = await module.get(OrganizationsRepository, { strict: false }).create({ name: 'Acme', personal: true });
      const orgId = org._id.toHexString();
      await module.get(MembershipsRepository, { strict: false }).add(orgId, userId, 'owner');

      const typed = recoveryCodes[4]!.toUpperCase().replace('-', ' ');
      await expect(mfa.verify(await reload(), typed, { ip: '198.51.100.9' })).resolves.toEqual({
        ok: true,
        method: 'recovery',
      });
      await expect(mfa.verify(await reload(), recoveryCodes[4]!)).resolves.toEqual({ ok: false, reason: 'invalid' });
      await expect(mfa.verify(await reload(), recoveryCodes[5]!)).resolves.toEqual({ ok: true, method: 'recovery' });

      const audit = await module.get(AuditLogRepository, { strict: false }).page(orgId, 10);
      const used = audit.filter((entry) => entry.action === 'mfa.recovery_code_used');
      expect(used).toHaveLength(2);
      expect(used.map((entry) => entry.ip)).toContain('198.51.100.9');
      expect((await reload()).mfa.recoveryCodes.filter((code) => code.usedAt)).toHaveLength(2);
    });

    it('refuses a used code even when checked against a stale copy of the user', async () => {
      const { recoveryCodes, reload } = await userWithMfa();
      const stale = await reload();
      await expect(mfa.verify(stale, recoveryCodes[0]!)).resolves.toMatchObject({ ok: true });
      await expect(mfa.verify(stale, recoveryCodes[0]!)).resolves.toEqual({ ok: false, reason: 'replayed' });
    });

    it('refuses codes of the set replaced by regeneration', async () => {
      const { userId, secret, recoveryCodes, reload } = await userWithMfa();
      moveClock(STEP_MS);
      const { recoveryCodes: fresh } = await enrollment.regenerateRecoveryCodes(
        userId,
        codeAt(secret, now),
        '203.0.113.7',
      );
      await expect(mfa.verify(await reload(), recoveryCodes[1]!)).resolves.toEqual({ ok: false, reason: 'invalid' });
      await expect(mfa.verify(await reload(), fresh[1]!)).resolves.toEqual({ ok: true, method: 'recovery' });
    });
  });

  describe('MfaChallenges', () => {
    it('resolves a challenge to its user until it is consumed, once', async () => {
      const { user } = await newUser();
      const token = await challenges.create(user._id.toHexString());
      expect(token).toMatch(/^[\w-]{43}$/);
      await expect(challenges.startCheck(token)).resolves.toBe(user._id.toHexString());
      await challenges.endCheck(token);
      const consumed = await Promise.all(Array.from({ length: 5 }, () => challenges.consume(token)));
      expect(consumed.filter(Boolean)).toHaveLength(1);
      await expect(challenges.startCheck(token)).resolves.toBeNull();
      await expect(challenges.consume(token)).resolves.toBe(false);
    });

    it('lets one of 8 concurrent code checks hold a challenge until it hands it back', async () => {
      const { user } = await newUser();
      const token = await challenges.create(user._id.toHexString());
      const held = await Promise.all(Array.from({ length: 8 }, () => challenges.startCheck(token)));
      expect(held.filter((userId) => userId !== null)).toEqual([user._id.toHexString()]);
      await expect(challenges.startCheck(token)).resolves.toBeNull();
      await challenges.endCheck(token);
      await expect(challenges.startCheck(token)).resolves.toBe(user._id.toHexString());
    });

    it('ends a hold its holder never handed back after ten seconds', async () => {
      const { user } = await newUser();
      const token = await challenges.create(user._id.toHexString());
      await challenges.startCheck(token);
      moveClock(9_999);
      await expect(challenges.startCheck(token)).resolves.toBeNull();
      moveClock(1);
      await expect(challenges.startCheck(token)).resolves.toBe(user._id.toHexString());
    });

    it('expires five minutes after creation', async () => {
      const { user } = await newUser();
      const token = await challenges.create(user._id.toHexString());
      moveClock(MFA_CHALLENGE_TTL_MS - 1);
      await expect(challenges.startCheck(token)).resolves.toBe(user._id.toHexString());
      await challenges.endCheck(token);
      moveClock(1);
      await expect(challenges.startCheck(token)).resolves.toBeNull();
      await expect(challenges.consume(token)).resolves.toBe(false);
    });

    it('stores only the SHA-256 of the token, and knows no other token', async () => {
      const { user } = await newUser();
      const token = await challenges.create(user._id.toHexString());
      const stored = await challengeModel.find({ userId: user._id }).lean();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(token);
      await expect(
        challenges.startCheck(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
      ).resolves.toBeNull();
      await expect(challenges.startCheck('')).resolves.toBeNull();
    });

    it('removes expired challenges when it creates new ones', async () => {
      const { user } = await newUser();
      const userId = user._id.toHexString();
      await challenges.create(userId);
      moveClock(MFA_CHALLENGE_TTL_MS + 1);
      await challenges.create(userId);
      await expect(challengeModel.countDocuments({ userId: user._id })).resolves.toBe(1);
    });
  });
});
