/** MongoDB's E11000: a unique index refused the write. */
const DUPLICATE_KEY = 11000;

interface WriteError {
  code?: number;
  err?: { code?: number };
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}

/** An unordered bulk insert whose only failures were duplicates: everything new went in. */
export function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: WriteError[] } | null)?.writeErrors;
  return writeErrors?.every((e) => (e.code ?? e.err?.code) === DUPLICATE_KEY) ?? false;
}
