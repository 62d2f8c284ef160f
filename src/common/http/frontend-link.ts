/**
 * A link in an email into the application's own frontend: `path` goes under FRONTEND_URL, keeping any
 * path that has (`https://example.com/portal` + `reports/1` is `https://example.com/portal/reports/1`).
 */
export function frontendLink(frontendUrl: string, path: string, query: Record<string, string> = {}): string {
  const url = new URL(`${frontendUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}
