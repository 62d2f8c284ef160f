import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { newestFirst } from '../../database/pagination.js';
import type { EncryptedSecret } from '../../users/user.schema.js';
import {
  type DisabledReason,
  type EndpointSecret,
  WebhookEndpoint,
  type WebhookEndpointRecord,
} from './webhook-endpoint.schema.js';

export type NewWebhookEndpoint = Pick<
  WebhookEndpoint,
  'url' | 'description' | 'eventTypes' | 'headers' | 'rateLimitPerSecond' | 'metadata' | 'secrets'
> & {
  _id: Types.ObjectId;
};

export type WebhookEndpointChanges = Partial<
  Pick<
    WebhookEndpoint,
    'url' | 'description' | 'eventTypes' | 'headers' | 'rateLimitPerSecond' | 'metadata' | 'enabled' | 'disabledReason'
  >
>;

export interface Subscription {
  id: string;
  eventTypes: string[];
}

@Injectable()
export class WebhookEndpointsRepository {
  constructor(@InjectModel(WebhookEndpoint.name) private readonly model: Model<WebhookEndpoint>) {}

  async create(orgId: string, endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRecord> {
    return (await this.model.create({ ...endpoint, orgId })).toObject();
  }

  /** Newest first; `before` is the last id of the previous page. */
  page(orgId: string, limit: number, before?: string): Promise<WebhookEndpointRecord[]> {
    return newestFirst(this.model, { orgId }, limit, before);
  }

  /** By _id alone, the tenant compared here: the same answer, and an index lookup on FerretDB too (see docs). */
  async find(orgId: string, endpointId: string): Promise<WebhookEndpointRecord | null> {
    const found = await this.model.findById(endpointId).lean<WebhookEndpointRecord>().exec();
    return found && found.orgId.toHexString() === orgId.toLowerCase() ? found : null;
  }

  /** The updated endpoint, or null when there is none in this organization. */
  update(
    orgId: string,
    endpointId: string,
    changes: WebhookEndpointChanges & { failingSince?: null },
  ): Promise<WebhookEndpointRecord | null> {
    return this.model
      .findOneAndUpdate({ _id: endpointId, orgId }, { $set: changes }, { returnDocument: 'after' })
      .lean<WebhookEndpointRecord>()
      .exec();
  }

  async delete(orgId: string, endpointId: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: endpointId, orgId })).deletedCount === 1;
  }

  /**
   * Replaces the secrets only if the current one is still `currentIv`'s: of two racing rotations one
   * wins, and the other is told so rather than handing out a secret that was overwritten.
   */
  replaceSecrets(
    orgId: string,
    endpointId: string,
    current: EncryptedSecret,
    secrets: EndpointSecret[],
  ): Promise<WebhookEndpointRecord | null> {
    return this.model
      .findOneAndUpdate(
        { _id: endpointId, orgId, 'secrets.0.sealed.iv': current.iv },
        { $set: { secrets } },
        { returnDocument: 'after' },
      )
      .lean<WebhookEndpointRecord>()
      .exec();
  }

  /**
   * Every endpoint and what it subscribes to: what the subscription cache holds per organization.
   * Disabled endpoints are included: their messages are kept (failed) so `recover` can send them later.
   */
  async subscriptions(orgId: string): Promise<Subscription[]> {
    const found = await this.model
      .find({ orgId }, { eventTypes: 1 })
      .sort({ _id: 1 })
      .lean<Pick<WebhookEndpointRecord, '_id' | 'eventTypes'>[]>()
      .exec();
    return found.map((e) => ({ id: e._id.toHexString(), eventTypes: e.eventTypes }));
  }

  // Delivery bookkeeping below leaves updatedAt alone: it records configuration changes.

  async clearFailing(orgId: string, endpointId: string): Promise<void> {
    await this.model.updateOne(
      { _id: endpointId, orgId, failingSince: { $ne: null } },
      { $set: { failingSince: null } },
      { timestamps: false },
    );
  }

  /** Sets failingSince unless already set; the one in force afterwards, or null when the endpoint is gone. */
  async markFailing(orgId: string, endpointId: string, now: Date): Promise<Date | null> {
    await this.model.updateOne(
      { _id: endpointId, orgId, failingSince: null },
      { $set: { failingSince: now } },
      { timestamps: false },
    );
    const found = await this.model
      .findOne({ _id: endpointId, orgId }, { failingSince: 1 })
      .lean<Pick<WebhookEndpointRecord, 'failingSince'>>()
      .exec();
    return found ? (found.failingSince ?? now) : null;
  }

  /** Disables an enabled endpoint; one disabled already keeps its first reason. */
  async disable(orgId: string, endpointId: string, reason: DisabledReason): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: endpointId, orgId, enabled: true },
      { $set: { enabled: false, disabledReason: reason } },
    );
    return result.modifiedCount === 1;
  }
}
