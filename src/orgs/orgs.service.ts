import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { MembershipsRepository } from './memberships.repository.js';
import { OrgAccess, orgNotFound } from './org-access.js';
import { type OrganizationView, organizationView } from './org-views.js';
import { OrganizationsRepository } from './organizations.repository.js';

@Injectable()
export class OrgsService {
  constructor(
    private readonly access: OrgAccess,
    private readonly orgs: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  /** A user's organizations with their role in each; an API key sees only its own organization. */
  async list(principal: Principal): Promise<OrganizationView[]> {
    if (principal.kind === 'apiKey') {
      const org = await this.orgs.findById(principal.orgId);
      return org ? [organizationView(org)] : [];
    }
    const memberships = await this.memberships.forUser(principal.userId);
    const roles = new Map(memberships.map((m) => [m.orgId.toHexString(), m.role]));
    const orgs = await this.orgs.findByIds(memberships.map((m) => m.orgId));
    return orgs.map((org) => organizationView(org, roles.get(org._id.toHexString())));
  }

  async get(principal: Principal, orgId: string): Promise<OrganizationView> {
    const grant = await this.access.require(principal, orgId);
    const org = await this.orgs.findById(grant.orgId);
    if (!org) throw orgNotFound();
    return organizationView(org, grant.role);
  }
}
