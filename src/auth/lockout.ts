export interface LockoutPolicy {
  threshold: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * How long sign-in stays refused after `failures` consecutive failures: nothing below the threshold,
 * then a delay that doubles with each further failure up to the maximum. The account always opens
 * again when the delay passes, so an attacker can slow its owner down but never lock them out.
 */
export function lockoutDelayMs(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.threshold) return 0;
  const doublings = Math.min(failures - policy.threshold, 30);
  return Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
}
