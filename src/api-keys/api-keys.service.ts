import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service.js';
import type { Principal } from '../auth/principal.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { OrgAccess } from '../orgs/org-access.js';
import { ApiKeyAuthenticatorService } from './api-key-authenticator.js';
import { newApiKeySecret } from './api-key-secret.js';
import { type ApiKeyView, apiKeyView } from './api-key-views.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import type { CreateApiKeyBody } from './dto/create-api-key.dto.js';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** Keys are managed by people only: a key that could mint keys could widen its own scopes. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly access: OrgAccess,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditLogService,
    private readonly authenticator: ApiKeyAuthenticatorService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The only time the key itself is seen: it is not stored, so it cannot be shown again. */
  async create(
    principal: UserPrincipal,
    orgId: string,
    body: CreateApiKeyBody,
    ip: string,
  ): Promise<ApiKeyView & { key: string }> {
    const grant = await this.access.require(principal, orgId, { role: 'admin' });
    const { key, prefix, hash } = newApiKeySecret();
    const created = await this.keys.create(grant.orgId, {
      name: body.name,
      scopes: body.scopes,
      prefix,
      hash,
      createdBy: principal.userId,
    });
    const view = apiKeyView(created);
    await this.audit.record(grant.orgId, principal, { action: 'api_key.created', target: `api_key:${view.id}`, ip });
    return { ...view, key };
  }

  async list(principal: UserPrincipal, orgId: string): Promise<ApiKeyView[]> {
    const grant = await this.access.require(principal, orgId, { role: 'admin' });
    return (await this.keys.list(grant.orgId)).map(apiKeyView);
  }

  /** Revoking twice answers the same as once; another organization's key is not found. */
  async revoke(principal: UserPrincipal, orgId: string, keyId: string, ip: string): Promise<void> {
    const grant = await this.access.require(principal, orgId, { role: 'admin' });
    if (await this.keys.revoke(grant.orgId, keyId, this.clock.now())) {
      this.authenticator.forget(keyId);
      await this.audit.record(grant.orgId, principal, { action: 'api_key.revoked', target: `api_key:${keyId}`, ip });
      return;
    }
    if (!(await this.keys.find(grant.orgId, keyId))) throw new NotFoundException({ message: 'API key not found' });
  }
}
