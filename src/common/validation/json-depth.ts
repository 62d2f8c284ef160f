/**
 * Whether a parsed JSON value nests more than `limit` objects or arrays deep (`{}` and `[]` are one
 * level, a scalar none). It walks with its own stack and stops at the first node past the limit, so
 * a value of any depth is measured without recursion; anything that serializes or clones it later
 * (JSON.stringify, structuredClone, a logger) recurses once per level and would overflow the stack.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, depth } = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) pending.push({ node: child, depth: depth + 1 });
  }
  return false;
}
