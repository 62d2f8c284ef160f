import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { ApiKeyScope } from '../api-keys/api-key-scopes.js';
import type { Principal } from '../auth/principal.js';
import { MembershipsRepository } from './memberships.repository.js';
import { hasRole, type Role } from './roles.js';

export interface AccessRequirement {
  /** The least role a user needs. */
  role?: Role;
  /** The scope an API key needs, by default the one its route names; without either, API keys are refused. */
  scope?: ApiKeyScope;
}

export interface OrgAccessGrant {
  orgId: string;
  /** The caller's role, when the caller is a user. */
  role?: Role;
}

/**
 * The one tenant check of every org-scoped route. An organization the caller does not belong to is
 * "not found", never "forbidden", so trying ids reveals nothing about other organizations.
 */
@Injectable()
export class OrgAccess {
  constructor(private readonly memberships: MembershipsRepository) {}

  async require(principal: Principal, orgId: string, requirement: AccessRequirement = {}): Promise<OrgAccessGrant> {
    const id = orgId.toLowerCase();
    if (principal.kind === 'apiKey') {
      if (principal.orgId.toLowerCase() !== id) throw orgNotFound();
      const scope = requirement.scope ?? principal.routeScope;
      if (!scope || !principal.scopes.includes(scope)) {
        throw new ForbiddenException({
          message: scope ? `This API key lacks the ${scope} scope` : 'API keys cannot do this',
        });
      }
      return { orgId: id };
    }
    const membership = await this.memberships.find(id, principal.userId);
    if (!membership) throw orgNotFound();
    if (requirement.role && !hasRole(membership.role, requirement.role)) {
      throw new ForbiddenException({ message: `This needs the ${requirement.role} role or higher` });
    }
    return { orgId: id, role: membership.role };
  }
}

export function orgNotFound(): NotFoundException {
  return new NotFoundException({ message: 'Organization not found' });
}
