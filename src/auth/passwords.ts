import argon2 from 'argon2';

/** argon2id at OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashSecret(secret: string): Promise<string> {
  return argon2.hash(secret, ARGON2_OPTIONS);
}

export async function verifySecret(hash: string, secret: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, secret);
  } catch {
    return false;
  }
}

/** Spends the time of one verification, so an unknown email costs what a wrong password costs. */
let dummyHash: Promise<string> | undefined;
export async function verifyNothing(secret: string): Promise<void> {
  dummyHash ??= hashSecret('novapulse-timing-equaliser');
  await verifySecret(await dummyHash, secret);
}
