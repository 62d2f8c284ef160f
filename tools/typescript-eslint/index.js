// Re-exports typescript-eslint from here, where `typescript` resolves to the 6.0 installed beside it.
import ts from 'typescript';
import tseslint from 'typescript-eslint';

export default tseslint;
export const typescriptVersion = ts.version;
