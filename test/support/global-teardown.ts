import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  await Promise.all((globalThis.__NOVAPULSE_SERVICES__ ?? []).map((service) => service.stop()));
  if (process.env.TEST_DATA_DIR) rmSync(process.env.TEST_DATA_DIR, { recursive: true, force: true });
}
