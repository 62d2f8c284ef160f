import { ensureFerretDB } from './lib/services.mjs';

try {
  ensureFerretDB();
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
