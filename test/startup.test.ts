import { runEntry } from '../scripts/lib/processes.mjs';
import { isolatedEnv } from './support/test-env.js';

describe('start-up with a bad configuration', () => {
  it.each(['api', 'worker'] as const)('the %s exits 1 with a line naming each bad variable', async (entry) => {
    const { MONGO_URI: _omitted, ...env } = isolatedEnv({ WORKER_QUEUES: 'email,sms' });
    const process_ = runEntry(entry, env);
    expect(await process_.exited).toBe(1);
    const lines = process_.output().trim().split('\n');
    expect(lines).toEqual([
      'config: MONGO_URI is missing: expected a URL starting with mongodb:// or mongodb+srv://',
      'config: WORKER_QUEUES is invalid: expected one of email, webhook, workflow, report',
    ]);
  });
});
