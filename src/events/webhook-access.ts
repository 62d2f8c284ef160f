import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { OrgAccess } from '../orgs/org-access.js';
import { type OrgHeaderValue, requestedOrgId } from '../webhooks/org-header.js';
import { WebhookEndpointsService } from '../webhooks/webhook-endpoints.service.js';

/** Who may act on an organization's events and endpoint deliveries: admins, or keys with the scope. */
@Injectable()
export class WebhookAccess {
  constructor(
    private readonly access: OrgAccess,
    private readonly endpoints: WebhookEndpointsService,
  ) {}

  async org(principal: Principal, orgHeader: OrgHeaderValue, scope: string): Promise<string> {
    const orgId = requestedOrgId(principal, orgHeader);
    await this.access.require(principal, orgId, { role: 'admin', scope });
    return orgId;
  }

  /** The endpoint, in the caller's organization, or 404. */
  async endpoint(principal: Principal, orgHeader: OrgHeaderValue, endpointId: string, scope: string) {
    const orgId = await this.org(principal, orgHeader, scope);
    const endpoint = await this.endpoints.forDelivery(orgId, endpointId);
    if (!endpoint) throw new NotFoundException({ message: 'No such webhook endpoint' });
    return { orgId, endpoint };
  }
}
