import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';
import { ATTEMPT_OUTCOMES, type AttemptResult } from './attempt-result.js';

/** One delivery attempt, as the endpoint's owner sees it in the logs. Never holds a secret. */
@Schema({ collection: 'webhook_attempts', timestamps: { createdAt: true, updatedAt: false } })
export class WebhookAttempt {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  endpointId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  messageId!: Types.ObjectId;

  /** Copied from the message, so attempt reports need no join (null on attempts logged before it was kept). */
  @Prop({ type: String, default: null })
  eventType!: string | null;

  @Prop({ type: Number, required: true })
  attempt!: number;

  @Prop({ type: String, required: true, enum: ATTEMPT_OUTCOMES })
  outcome!: AttemptResult['outcome'];

  /** As sent, signature included: it proves nothing without the secret. */
  @Prop({ type: Object, required: true })
  requestHeaders!: Record<string, string>;

  @Prop({ type: Number, default: null })
  statusCode!: number | null;

  @Prop({ type: String, default: '' })
  responseExcerpt!: string;

  @Prop({ type: String, default: null })
  error!: string | null;

  @Prop({ type: Number, required: true })
  durationMs!: number;

  @Prop({ type: Date, default: null })
  nextAttemptAt!: Date | null;

  createdAt!: Date;
}

export type WebhookAttemptRecord = WebhookAttempt & { _id: Types.ObjectId };
export const WebhookAttemptSchema = SchemaFactory.createForClass(WebhookAttempt);
WebhookAttemptSchema.index({ orgId: 1, endpointId: 1, _id: -1 });
