import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';

export const MESSAGE_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The outbox: one message per (event, subscribed endpoint), written before anything touches Redis.
 * A pending message is due at `nextAttemptAt`; the relay enqueues due messages, so none is lost while
 * Redis is away, and the job id (`attemptJobId`: `<messageId>-<attempt>`) keeps any attempt from being queued twice.
 */
@Schema({ collection: 'webhook_messages', timestamps: true })
export class WebhookMessage {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  eventId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  endpointId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  eventType!: string;

  @Prop({ type: String, required: true, enum: MESSAGE_STATUSES, default: 'pending' })
  status!: MessageStatus;

  /** Attempts made so far; the next job is for attempt `attempts + 1`. */
  @Prop({ type: Number, required: true, default: 0 })
  attempts!: number;

  @Prop({ type: Date, required: true })
  nextAttemptAt!: Date;

  /** When the current attempt's job was last handed to Redis; null means "not queued yet". */
  @Prop({ type: Date, default: null })
  enqueuedAt!: Date | null;

  @Prop({ type: String, default: null })
  lastError!: string | null;

  /** The W3C traceparent of the request that published its event (null without tracing): later work joins that trace. */
  @Prop({ type: String, default: null })
  traceparent!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type WebhookMessageRecord = WebhookMessage & { _id: Types.ObjectId };
export const WebhookMessageSchema = SchemaFactory.createForClass(WebhookMessage);
WebhookMessageSchema.index({ status: 1, nextAttemptAt: 1 });
WebhookMessageSchema.index({ eventId: 1, endpointId: 1 }, { unique: true });
WebhookMessageSchema.index({ orgId: 1, endpointId: 1, _id: -1 });
