import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { OrgAccess } from '../orgs/org-access.js';
import { type OrgHeaderValue, requestedOrgId } from '../orgs/org-header.js';

/** Members read workflows and their runs; admins change them, start, cancel and retry runs. */
@Injectable()
export class WorkflowAccess {
  constructor(private readonly access: OrgAccess) {}

  async read(principal: Principal, orgHeader: OrgHeaderValue): Promise<string> {
    return (await this.access.require(principal, requestedOrgId(principal, orgHeader), { role: 'member' })).orgId;
  }

  async write(principal: Principal, orgHeader: OrgHeaderValue): Promise<string> {
    return (await this.access.require(principal, requestedOrgId(principal, orgHeader), { role: 'admin' })).orgId;
  }
}
