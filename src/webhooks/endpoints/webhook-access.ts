import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import type { OrgHeaderValue } from '../../orgs/org-header.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import type { ApiKeyScope } from '../../api-keys/api-key-scopes.js';

/** Who may act on an organization's events and endpoint deliveries: admins, or keys with the scope. */
@Injectable()
export class WebhookAccess {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  org(principal: Principal, orgHeader: OrgHeaderValue, scope: ApiKeyScope): Promise<string> {
    return this.endpoints.orgFor(principal, orgHeader, scope);
  }

  /** The caller's organization, when the endpoint is in it; otherwise 404. */
  async endpoint(principal: Principal, orgHeader: OrgHeaderValue, endpointId: string, scope: ApiKeyScope): Promise<{ orgId: string }> {
    const orgId = await this.org(principal, orgHeader, scope);
    if (!(await this.endpoints.exists(orgId, endpointId))) throw new NotFoundException({ message: 'No such webhook endpoint' });
    return { orgId };
  }
}
