import { ensureK8sStrict } from './lib/services.mjs';

try {
  ensureK8sStrict();
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
