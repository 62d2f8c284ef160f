import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { EmailMessage, type EmailMessageRecord } from '../src/email/email-message.schema.js';
import type { EmailTemplateName } from '../src/email/email-templates.js';
import { signUp, type TestAccount, withApiAndAccount } from './support/accounts.js';
import type { TestApi, TestResponse } from './support/api.js';
import { waitFor } from './support/test-env.js';
import { codeAt } from './support/totp.js';

const RACERS = 8;

/** Single-use things fired at once from many clients: exactly one may win, on the embedded store too. */
describe('single-use credentials under concurrency (API, store)', () => {
  let api: TestApi;
  let account: TestAccount;

  // The losers' failed codes must not start the sign-in lockout, which would refuse the winner too.
  withApiAndAccount((started) => ({ api, account } = started), { LOGIN_LOCKOUT_THRESHOLD: '50' });

  const race = (request: (i: number) => Promise<TestResponse>) =>
    Promise.all(Array.from({ length: RACERS }, (_, i) => request(i)));
  const statuses = (answers: TestResponse[]) => answers.map((a) => a.status).sort();
  const losers = (status: number) => Array.from({ length: RACERS - 1 }, () => status);
  const signIn = (who: TestAccount) =>
    api.request('POST', '/auth/login', { body: { email: who.email, password: who.password } });
  /** The variables of the newest email of a template to an address, from the outbox (no worker here). */
  const outboxed = (to: string, template: EmailTemplateName) =>
    waitFor(async () => {
      const emails = api.app.get<Model<EmailMessage>>(getModelToken(EmailMessage.name), { strict: false });
      const [newest] = await emails
        .find({ to, template })
        .sort({ _id: -1 })
        .limit(1)
        .lean<EmailMessageRecord[]>()
        .exec();
      return newest?.variables;
    }, `the ${template} email to ${to}`);
  /** A fresh account with MFA on: its TOTP secret and its recovery codes. */
  const withMfa = async () => {
    const who = await signUp(api);
    const token = who.accessToken;
    const setup = await api.request('POST', '/mfa/setup', { token, body: { password: who.password } });
    const secret: string = setup.body.secret;
    const verified = await api.request('POST', '/mfa/verify', { token, body: { code: await codeAt(secret) } });
    expect(verified.status).toBe(201);
    return { who, secret, recoveryCodes: verified.body.recoveryCodes as string[] };
  };

  it('turns one refresh token into exactly one new pair when 6 refreshes race', async () => {
    const { refreshToken } = account;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api.request('POST', '/auth/refresh', { body: { refreshToken } })),
    );
    const pairs = answers.filter((a) => a.status === 200);
    expect(pairs.length).toBe(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 401)).toBe(true);
  });

  it('accepts one TOTP code once when 8 sign-ins send it at the same moment', async () => {
    const { who, secret } = await withMfa();
    const challenges = await race(() => signIn(who));
    const code = await codeAt(secret, 1);
    const answers = await race((i) =>
      api.request('POST', '/auth/login/mfa', { body: { mfaToken: challenges[i]!.body.mfaToken, code } }),
    );
    expect(statuses(answers)).toEqual([200, ...losers(401)]);
  });

  it('accepts one recovery code once when 8 sign-ins send it at the same moment', async () => {
    const { who, recoveryCodes } = await withMfa();
    const challenges = await race(() => signIn(who));
    const answers = await race((i) =>
      api.request('POST', '/auth/login/mfa', {
        body: { mfaToken: challenges[i]!.body.mfaToken, code: recoveryCodes[0] },
      }),
    );
    expect(statuses(answers)).toEqual([200, ...losers(401)]);
  });

  it('signs in once with one MFA token when 8 requests bring it, spending only the code of the winner', async () => {
    const { who, recoveryCodes } = await withMfa();
    const mfaToken: string = (await signIn(who)).body.mfaToken;
    const answers = await race((i) =>
      api.request('POST', '/auth/login/mfa', { body: { mfaToken, code: recoveryCodes[i] } }),
    );
    expect(statuses(answers)).toEqual([200, ...losers(401)]);
    // The losers' codes were never checked against a challenge another request held: each still works once.
    const spent = answers.findIndex((a) => a.status === 200);
    for (const [i, code] of recoveryCodes.slice(0, RACERS).entries()) {
      const challenge: string = (await signIn(who)).body.mfaToken;
      const answer = await api.request('POST', '/auth/login/mfa', { body: { mfaToken: challenge, code } });
      expect([i, answer.status]).toEqual([i, i === spent ? 401 : 200]);
    }
  });

  it('resets the password once when 8 requests bring one reset token', async () => {
    const who = await signUp(api);
    await api.request('POST', '/auth/password/forgot', { body: { email: who.email } });
    const token = new URL((await outboxed(who.email, 'password-reset')).resetUrl!).searchParams.get('token');
    const answers = await race((i) =>
      api.request('POST', '/auth/password/reset', { body: { token, password: `racing passphrase ${i}` } }),
    );
    expect(statuses(answers)).toEqual([204, ...losers(400)]);
  });

  it('lets one of 8 accepts of one invitation token through', async () => {
    const owner = await signUp(api, 'Olga');
    const invitee = await signUp(api, 'Ivan');
    const invited = await api.request('POST', `/orgs/${owner.orgId}/invitations`, {
      token: owner.accessToken,
      body: { email: invitee.email, role: 'member' },
    });
    expect(invited.status).toBe(201);
    const token = new URL((await outboxed(invitee.email, 'invitation')).acceptUrl!).searchParams.get('token');
    const answers = await race(() =>
      api.request('POST', '/invitations/accept', { token: invitee.accessToken, body: { token } }),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const loser of answers.filter((a) => a.status !== 200)) expect([409, 410]).toContain(loser.status);
  });
});
