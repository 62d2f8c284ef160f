import { BadRequestException, Headers } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { objectIdField } from '../common/validation/fields.js';

/** Users belong to several organizations, so they name the one they act in; an API key belongs to one. */
export const ORG_HEADER = 'X-Org-Id';

/** The raw header, read as a route parameter and judged by `requestedOrgId` after the id and body pipes. */
export type OrgHeaderValue = string | string[] | undefined;
export const OrgHeader = () => Headers(ORG_HEADER.toLowerCase());

/**
 * The organization a request acts in: the header's, or an API key's own when the key sends none. Whether
 * the caller may act there is OrgAccess's question (a key naming another organization gets a 404 there).
 */
export function requestedOrgId(principal: Principal, header: string | string[] | undefined): string {
  if (header === undefined || header === '') {
    if (principal.kind === 'apiKey') return principal.orgId;
    throw orgHeaderProblem(`Send the ${ORG_HEADER} header naming the organization`, 'is required');
  }
  if (typeof header !== 'string' || !objectIdField.safeParse(header).success) {
    throw orgHeaderProblem(`Invalid ${ORG_HEADER}`, 'must be one 24-character hexadecimal id');
  }
  return header.toLowerCase();
}

function orgHeaderProblem(message: string, problem: string) {
  return new BadRequestException({ message, details: [{ field: ORG_HEADER, problem }] });
}
