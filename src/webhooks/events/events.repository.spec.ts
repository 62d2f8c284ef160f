import { describe, expect, it } from '@jest/globals';
import type { Model } from 'mongoose';
import type { WebhookEvent } from './event.schema.js';
import { EventsRepository } from './events.repository.js';
import type { EventIdempotencyKey } from './idempotency-key.schema.js';

const duplicateKey = Object.assign(new Error('E11000 duplicate key'), { code: 11000 });

/** A keys collection whose inserts and reads answer as scripted, one answer per call. */
function keysAnswering(inserts: ('ok' | 'duplicate')[], holders: (string | null)[]) {
  const calls = { inserts: 0, reads: 0 };
  const keys = {
    deleteOne: () => Promise.resolve({ deletedCount: 0 }),
    create: () => {
      calls.inserts++;
      return inserts.shift() === 'ok' ? Promise.resolve({}) : Promise.reject(duplicateKey);
    },
    findById: () => {
      calls.reads++;
      const holder = holders.shift() ?? null;
      return { lean: () => ({ exec: () => Promise.resolve(holder === null ? null : { eventId: holder }) }) };
    },
  };
  const repository = new EventsRepository({} as Model<WebhookEvent>, keys as unknown as Model<EventIdempotencyKey>);
  return { repository, calls };
}

const claim = (repository: EventsRepository) =>
  repository.claimKey('org', 'key-1', 'mine', new Date(Date.now() + 60_000), new Date());

describe('EventsRepository.claimKey', () => {
  it('returns the holder a concurrent request claimed first', async () => {
    const { repository } = keysAnswering(['duplicate'], ['theirs']);
    await expect(claim(repository)).resolves.toBe('theirs');
  });

  it('claims again when the holder vanished between the refused insert and the read', async () => {
    const { repository, calls } = keysAnswering(['duplicate', 'ok'], [null]);
    await expect(claim(repository)).resolves.toBe('mine');
    expect(calls).toEqual({ inserts: 2, reads: 1 });
  });

  it('gives up with an error instead of taking an unclaimed key as its own', async () => {
    const { repository, calls } = keysAnswering(['duplicate', 'duplicate', 'duplicate'], [null, null, null]);
    await expect(claim(repository)).rejects.toThrow('changed hands 3 times');
    expect(calls.inserts).toBe(3);
  });
});
