/**
 * The signing secret of a just-created endpoint, handed from the form to the endpoint's page once.
 * Kept in memory only (never in storage or the URL); taking it forgets it, so a reload cannot show it.
 */
let pending: { endpointId: string; secret: string } | null = null;

export function handOverSecret(endpointId: string, secret: string): void {
  pending = { endpointId, secret };
}

export function takeSecret(endpointId: string): string | null {
  if (pending?.endpointId !== endpointId) return null;
  const { secret } = pending;
  pending = null;
  return secret;
}
