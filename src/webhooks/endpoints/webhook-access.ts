import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import type { OrgHeaderValue } from '../../orgs/org-header.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

/** Who may act on an organization's events and endpoint deliveries: admins, or keys with the route's scope. */
@Injectable()
export class WebhookAccess {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  org(principal: Principal, orgHeader: OrgHeaderValue): Promise<string> {
    return this.endpoints.orgFor(principal, orgHeader);
  }

  /** The caller's organization, when the endpoint is in it; otherwise 404. */
  async endpoint(principal: Principal, orgHeader: OrgHeaderValue, endpointId: string): Promise<{ orgId: string }> {
    const orgId = await this.org(principal, orgHeader);
    if (!(await this.endpoints.exists(orgId, endpointId)))
      throw new NotFoundException({ message: 'No such webhook endpoint' });
    return { orgId };
  }
}
