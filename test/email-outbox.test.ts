import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Model } from 'mongoose';
import { EmailMessage, EmailMessageSchema } from '../src/email/email-message.schema.js';
import { EmailMessagesRepository } from '../src/email/email-messages.repository.js';
import { isolatedEnv } from './support/test-env.js';

describe('email outbox repository (FerretDB)', () => {
  let module: TestingModule;
  let repository: EmailMessagesRepository;
  let model: Model<EmailMessage>;

  beforeAll(async () => {
    module = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(isolatedEnv().MONGO_URI!),
        MongooseModule.forFeature([{ name: EmailMessage.name, schema: EmailMessageSchema }]),
      ],
      providers: [EmailMessagesRepository],
    }).compile();
    repository = module.get(EmailMessagesRepository);
    model = module.get(getModelToken(EmailMessage.name));
    await model.init();
  });

  afterAll(async () => {
    await model.db.dropDatabase();
    await module.close();
  });

  const invitation = {
    to: 'Ada@Example.com',
    template: 'invitation' as const,
    variables: { orgName: 'Acme', inviterName: 'Grace', acceptUrl: 'http://localhost/accept' },
  };

  it('writes a queued record and reads it back', async () => {
    const created = await repository.create(invitation);
    const read = await repository.findById(created._id.toHexString());
    expect(read).toMatchObject({
      to: 'ada@example.com',
      template: 'invitation',
      status: 'queued',
      attempts: 0,
      lastError: null,
    });
    expect(read?.variables).toEqual(invitation.variables);
    expect(read?.createdAt).toBeInstanceOf(Date);
  });

  it('enforces the unique dedupe key', async () => {
    await repository.create({ ...invitation, dedupeKey: 'invite-1' });
    await expect(repository.create({ ...invitation, dedupeKey: 'invite-1' })).rejects.toMatchObject({ code: 11000 });
    await expect(repository.create({ ...invitation, dedupeKey: 'invite-2' })).resolves.toBeDefined();
  });

  it('finds nothing for an id that is not an ObjectId', async () => {
    await expect(repository.findById('not-an-id')).resolves.toBeNull();
  });

  it('lets one worker at a time claim an email, until its lease runs out', async () => {
    const id = (await repository.create(invitation))._id.toHexString();
    const now = new Date();
    const first = await repository.claim(id, now, 60_000);
    expect(first?.attempts).toBe(1);
    await expect(repository.claim(id, now, 60_000)).resolves.toBeNull();
    const afterLease = await repository.claim(id, new Date(now.getTime() + 60_001), 60_000);
    expect(afterLease?.attempts).toBe(2);
  });

  it('never claims a sent or failed email again', async () => {
    const sent = (await repository.create(invitation))._id.toHexString();
    await repository.markSent(sent, new Date());
    await expect(repository.claim(sent, new Date(), 1_000)).resolves.toBeNull();

    const failed = (await repository.create(invitation))._id.toHexString();
    await repository.markAttemptFailed(failed, 'ECONNREFUSED', true);
    await expect(repository.claim(failed, new Date(), 1_000)).resolves.toBeNull();
    await expect(repository.findById(failed)).resolves.toMatchObject({ status: 'failed', lastError: 'ECONNREFUSED' });
  });

  it('keeps a record queued after a failed attempt that is not the last', async () => {
    const id = (await repository.create(invitation))._id.toHexString();
    await repository.claim(id, new Date(), 60_000);
    await repository.markAttemptFailed(id, 'timeout', false);
    await expect(repository.findById(id)).resolves.toMatchObject({
      status: 'queued',
      lastError: 'timeout',
      lockedUntil: null,
    });
  });

  it('lists queued records not touched since a time, oldest first', async () => {
    const id = (await repository.create(invitation))._id;
    const stale = await repository.findStale(new Date(Date.now() + 1_000), 1_000);
    expect(stale.map((s) => s._id.toHexString())).toContain(id.toHexString());
    await expect(repository.findStale(new Date(0), 10)).resolves.toEqual([]);
  });
});
