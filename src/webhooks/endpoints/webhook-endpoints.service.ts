import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Principal } from '../../auth/principal.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { checkDestination } from '../../common/net/ssrf.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { type Page, pageOf } from '../../database/pagination.js';
import { OrgAccess } from '../../orgs/org-access.js';
import { type OrgHeaderValue as OrgHeader, requestedOrgId } from '../../orgs/org-header.js';
import type { CreateWebhookBody } from './dto/create-webhook.dto.js';
import type { ListWebhooksQuery } from './dto/list-webhooks.dto.js';
import type { UpdateWebhookBody } from './dto/update-webhook.dto.js';
import { newEndpointSecret, rotatedSecrets } from './endpoint-secrets.js';
import { SubscriptionsCache } from './subscriptions.cache.js';
import type { EndpointSecret } from './webhook-endpoint.schema.js';
import { type WebhookEndpointView, webhookEndpointView } from './webhook-endpoint-views.js';
import { type WebhookEndpointChanges, WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

/** A view with the signing secret in full: the answer to creation and rotation only. */
export type WebhookEndpointWithSecret = WebhookEndpointView & { secret: string };

const ROTATE_ATTEMPTS = 3;

/** Webhook endpoints: managed by admins and `webhooks:*` API keys. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly access: OrgAccess,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly subscriptions: SubscriptionsCache,
    private readonly secretBox: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Newest first; `nextCursor` is null on the last page. */
  async list(principal: Principal, orgHeader: OrgHeader, query: ListWebhooksQuery): Promise<Page<WebhookEndpointView>> {
    const orgId = await this.orgFor(principal, orgHeader);
    return pageOf((limit) => this.endpoints.page(orgId, limit, query.cursor), query.limit, webhookEndpointView);
  }

  async get(principal: Principal, orgHeader: OrgHeader, endpointId: string): Promise<WebhookEndpointView> {
    const orgId = await this.orgFor(principal, orgHeader);
    return webhookEndpointView((await this.endpoints.find(orgId, endpointId)) ?? notFound());
  }

  async create(
    principal: Principal,
    orgHeader: OrgHeader,
    body: CreateWebhookBody,
  ): Promise<WebhookEndpointWithSecret> {
    const orgId = await this.orgFor(principal, orgHeader);
    await this.checkUrl(body.url);
    const _id = new Types.ObjectId();
    const secret = newEndpointSecret();
    const created = await this.endpoints.create(orgId, {
      _id,
      ...body,
      secrets: [this.seal(secret, _id.toHexString())],
    });
    await this.subscriptions.invalidate(orgId);
    return { ...webhookEndpointView(created), secret };
  }

  async update(
    principal: Principal,
    orgHeader: OrgHeader,
    endpointId: string,
    body: UpdateWebhookBody,
  ): Promise<WebhookEndpointView> {
    const orgId = await this.orgFor(principal, orgHeader);
    const existing = (await this.endpoints.find(orgId, endpointId)) ?? notFound();
    if (body.url !== undefined) await this.checkUrl(body.url);
    const { enabled, ...fields } = body;
    const changes: WebhookEndpointChanges = fields;
    // Disabling a disabled endpoint keeps the reason it was disabled for (e.g. gone).
    if (enabled === false)
      Object.assign(changes, { enabled: false, disabledReason: existing.enabled ? 'manual' : existing.disabledReason });
    const updated = (await this.endpoints.update(orgId, endpointId, changes)) ?? notFound();
    await this.subscriptions.invalidate(orgId);
    return webhookEndpointView(updated);
  }

  async remove(principal: Principal, orgHeader: OrgHeader, endpointId: string): Promise<void> {
    const orgId = await this.orgFor(principal, orgHeader);
    if (!(await this.endpoints.delete(orgId, endpointId))) notFound();
    await this.subscriptions.invalidate(orgId);
  }

  /** Also forgets the failure history, so an endpoint re-enabled after an outage gets the full retry period again. */
  async enable(principal: Principal, orgHeader: OrgHeader, endpointId: string): Promise<WebhookEndpointView> {
    const orgId = await this.orgFor(principal, orgHeader);
    const updated =
      (await this.endpoints.update(orgId, endpointId, { enabled: true, disabledReason: null, failingSince: null })) ??
      notFound();
    await this.subscriptions.invalidate(orgId);
    return webhookEndpointView(updated);
  }

  /** A new current secret, shown this once; the replaced one keeps signing for 24 hours. */
  async rotateSecret(
    principal: Principal,
    orgHeader: OrgHeader,
    endpointId: string,
  ): Promise<WebhookEndpointWithSecret> {
    const orgId = await this.orgFor(principal, orgHeader);
    for (let attempt = 0; attempt < ROTATE_ATTEMPTS; attempt++) {
      const existing = (await this.endpoints.find(orgId, endpointId)) ?? notFound();
      const now = this.clock.now();
      const secret = newEndpointSecret();
      // Sealed under the stored id, never the request's spelling of it: delivery opens it with the former.
      const secrets = rotatedSecrets(existing.secrets, this.seal(secret, existing._id.toHexString(), now), now);
      const updated = await this.endpoints.replaceSecrets(orgId, endpointId, existing.secrets[0]!.sealed, secrets);
      if (updated) {
        await this.subscriptions.invalidate(orgId);
        return { ...webhookEndpointView(updated), secret };
      }
    }
    throw new ConflictException({
      message: 'The secret was being rotated by another request at the same time; try again',
    });
  }

  /** Whether the endpoint exists in this organization; nothing is decrypted. */
  async exists(orgId: string, endpointId: string): Promise<boolean> {
    return (await this.endpoints.find(orgId, endpointId)) !== null;
  }

  /** The organization the caller acts in (X-Org-Id, or the API key's own), if they are an admin or hold the route's scope. */
  async orgFor(principal: Principal, orgHeader: OrgHeader): Promise<string> {
    return (await this.access.require(principal, requestedOrgId(principal, orgHeader), { role: 'admin' })).orgId;
  }

  /** Scheme, credentials and every address the host resolves to; delivery checks the addresses again at connect time. */
  private async checkUrl(url: string): Promise<void> {
    const { allowHttp, allowedCidrs } = this.config.webhooks;
    const check = await checkDestination(new URL(url), { allowHttp, allowedCidrs });
    if (!check.ok)
      throw new BadRequestException({ message: 'Invalid url', details: [{ field: 'url', problem: check.reason }] });
  }

  /** Sealed with the endpoint id as context: copied onto another endpoint, it does not open. */
  private seal(secret: string, endpointId: string, now = this.clock.now()): EndpointSecret {
    return { sealed: this.secretBox.encrypt(secret, endpointId), createdAt: now, expiresAt: null };
  }
}

function notFound(): never {
  throw new NotFoundException({ message: 'Webhook endpoint not found' });
}
