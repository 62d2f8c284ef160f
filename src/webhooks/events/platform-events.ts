import { Injectable, Logger } from '@nestjs/common';
import { MembershipsRepository } from '../../orgs/memberships.repository.js';
import type { PlatformEventType } from '../endpoints/event-types.js';
import { EventsService } from './events.service.js';

/**
 * NovaPulse's own events (`user.created`, `mfa.enabled`, ...), published through the same outbox as
 * everyone's. They follow an action that has already happened, so a failure to publish is logged and
 * does not fail that action.
 */
@Injectable()
export class PlatformEvents {
  private readonly logger = new Logger(PlatformEvents.name);

  constructor(
    private readonly events: EventsService,
    private readonly memberships: MembershipsRepository,
  ) {}

  async publish(orgId: string, type: PlatformEventType, data: Record<string, unknown>): Promise<void> {
    try {
      await this.events.publish(orgId, type, data);
    } catch (error) {
      this.logger.error({ message: 'could not publish a platform event', type, orgId, error });
    }
  }

  /** An event about a user's own account, published to every organization they belong to. */
  async publishForUser(userId: string, type: PlatformEventType, data: Record<string, unknown>): Promise<void> {
    let orgIds: string[];
    try {
      orgIds = (await this.memberships.forUser(userId)).map((m) => m.orgId.toHexString());
    } catch (error) {
      this.logger.error({ message: 'could not publish a platform event', type, userId, error });
      return;
    }
    await Promise.all(orgIds.map((orgId) => this.publish(orgId, type, { userId, ...data })));
  }
}
