import { Injectable, Logger } from '@nestjs/common';
import { EmailService } from '../../email/email.service.js';
import { MembershipsRepository } from '../../orgs/memberships.repository.js';
import { OrganizationsRepository } from '../../orgs/organizations.repository.js';
import { UsersRepository } from '../../users/users.repository.js';
import type { DisabledReason } from '../endpoints/webhook-endpoint.schema.js';
import { PlatformEvents } from '../events/platform-events.js';
import type { EndpointForDelivery } from './delivery-endpoints.js';

const REASONS: Record<Exclude<DisabledReason, 'manual'>, string> = {
  gone: 'it answered 410 Gone, which means the receiver no longer exists',
  failing: 'every delivery to it failed for too long',
};

/** When delivery disables an endpoint, the organization's owners are emailed and an `endpoint.disabled` event is published. */
@Injectable()
export class EndpointDisabledNotice {
  private readonly logger = new Logger(EndpointDisabledNotice.name);

  constructor(
    private readonly orgs: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
    private readonly emails: EmailService,
    private readonly platformEvents: PlatformEvents,
  ) {}

  async send(
    endpoint: Pick<EndpointForDelivery, 'id' | 'orgId' | 'url'>,
    reason: Exclude<DisabledReason, 'manual'>,
    failingSince: Date | null,
  ): Promise<void> {
    const { id: endpointId, orgId } = endpoint;
    await this.platformEvents.publish(orgId, 'endpoint.disabled', {
      endpointId,
      reason,
      failingSince: failingSince?.toISOString() ?? null,
    });
    try {
      const [org, members] = await Promise.all([this.orgs.findById(orgId), this.memberships.list(orgId)]);
      const owners = await this.users.findByIds(
        members.filter((m) => m.role === 'owner').map((m) => m.userId.toHexString()),
      );
      const variables = { url: endpoint.url, reason: REASONS[reason], orgName: org?.name ?? 'your organization' };
      await Promise.all(owners.map((owner) => this.emails.send(owner.email, 'webhook-endpoint-disabled', variables)));
    } catch (error) {
      this.logger.error({ message: 'could not email the owners of a disabled webhook endpoint', endpointId, error });
    }
  }
}
