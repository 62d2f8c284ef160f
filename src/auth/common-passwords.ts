import { readFileSync } from 'node:fs';

/** The public list of the 10,000 most common passwords; its first lines say where it comes from. */
function publicList(): string[] {
  return readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
}

/**
 * Passwords of 12 or more characters that lead breached-password lists: the public list is mostly
 * shorter ones, which the length rule refuses already.
 */
const LONG_COMMON_PASSWORDS = [
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '1234567891011',
  '111111111111',
  '000000000000',
  '123123123123',
  '121212121212',
  '123456654321',
  '987654321098',
  '098765432109',
  'qwertyuiopas',
  'qwertyuiop12',
  'qwertyuiop123',
  '1qaz2wsx3edc',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5y6',
  'qazwsxedcrfv',
  'zaq12wsxcde3',
  'asdfghjkl123',
  'zxcvbnm12345',
  'passwordpassword',
  'password1234',
  'password12345',
  'password123456',
  'password123!',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'iloveyou1234',
  'iloveyouiloveyou',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'changeme1234',
  'administrator',
  'administrator1',
  'admin1234567',
  'adminadmin123',
  'superman1234',
  'football1234',
  'baseball1234',
  'basketball12',
  'sunshine1234',
  'princess1234',
  'monkey123456',
  'dragon123456',
  'starwars1234',
  'trustno11234',
  'whatever1234',
  'qwerty123456',
  'qwertyqwerty',
  'abc123456789',
  'abcdefghijkl',
  'abcd12345678',
  'abcdefgh1234',
  'aa1234567890',
  'correcthorsebatterystaple',
  'thisismypassword',
  'mypassword123',
  'secretpassword',
  'passwordsecure',
  'computer1234',
  'internet1234',
  'michael12345',
  'jennifer1234',
  'jordan231234',
  'liverpool123',
  'chelsea12345',
  'arsenal12345',
  'summer2024!!',
  'winter2024!!',
  'spring2025!!',
  'autumn2025!!',
  'novapulse123',
  'novapulse1234',
];

/** Read once, when the module loads; compared lowercased. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [...publicList(), ...LONG_COMMON_PASSWORDS].map((password) => password.toLowerCase()),
);
