import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';

/**
 * A published event. `body` holds the exact JSON bytes every subscriber receives and every
 * signature covers, so a retry days later sends the same bytes.
 */
@Schema({ collection: 'events', timestamps: { createdAt: true, updatedAt: false } })
export class WebhookEvent {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  type!: string;

  @Prop({ type: String, required: true })
  body!: string;

  /** Set once its messages exist; the relay fans out any event a crash left without them. */
  @Prop({ type: Date, default: null })
  fannedOutAt!: Date | null;

  /**
   * The Idempotency-Key it was published with (null without one). The event is stored before the key
   * is claimed for it, so a key only ever names a stored event; the relay settles a key whose claim a
   * crash left undone (`EventsService.fanOut`).
   */
  @Prop({ type: String, default: null })
  idempotencyKey!: string | null;

  /** The W3C traceparent of the request that published it (null without tracing): later work joins that trace. */
  @Prop({ type: String, default: null })
  traceparent!: string | null;

  createdAt!: Date;
}

export type WebhookEventRecord = WebhookEvent & { _id: Types.ObjectId };
export const WebhookEventSchema = SchemaFactory.createForClass(WebhookEvent);
WebhookEventSchema.index({ fannedOutAt: 1, createdAt: 1 });
