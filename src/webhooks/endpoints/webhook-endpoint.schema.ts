import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';
import type { EncryptedSecret } from '../../users/user.schema.js';

export const DISABLED_REASONS = ['manual', 'gone', 'failing'] as const;
/** manual: by a person (PATCH enabled=false); gone: the receiver answered 410; failing: it failed for too long. */
export type DisabledReason = (typeof DISABLED_REASONS)[number];

export interface EndpointSecret {
  /** The whsec_ value, encrypted with the endpoint id as context, so it does not open on another endpoint. */
  sealed: EncryptedSecret;
  createdAt: Date;
  /** null for the current secret; a replaced one keeps signing until then, so receivers can switch over. */
  expiresAt: Date | null;
}

// minimize: false keeps empty headers/metadata as {} rather than dropping the fields.
@Schema({ collection: 'webhook_endpoints', timestamps: true, minimize: false })
export class WebhookEndpoint {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  url!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  /** Exact event type names, or `*` for all. */
  @Prop({ type: [String], required: true })
  eventTypes!: string[];

  @Prop({ type: Boolean, required: true, default: true })
  enabled!: boolean;

  @Prop({ type: String, enum: [...DISABLED_REASONS, null], default: null })
  disabledReason!: DisabledReason | null;

  /** The first failed delivery since the last successful one; null while deliveries succeed. */
  @Prop({ type: Date, default: null })
  failingSince!: Date | null;

  /** The current secret first, then replaced ones that have not expired yet. */
  @Prop({ type: [Object], required: true })
  secrets!: EndpointSecret[];

  /** Extra headers sent with every delivery; names lower-cased. */
  @Prop({ type: Object, default: {} })
  headers!: Record<string, string>;

  @Prop({ type: Number, default: null })
  rateLimitPerSecond!: number | null;

  @Prop({ type: Object, default: {} })
  metadata!: Record<string, string>;

  createdAt!: Date;
  updatedAt!: Date;
}

export type WebhookEndpointRecord = WebhookEndpoint & { _id: Types.ObjectId };
export const WebhookEndpointSchema = SchemaFactory.createForClass(WebhookEndpoint);
WebhookEndpointSchema.index({ orgId: 1, _id: -1 });
