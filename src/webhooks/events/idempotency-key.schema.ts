import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** `_id` is `<orgId>:<key>`: the primary key makes a key claimable once, on every store. */
@Schema({ collection: 'event_idempotency_keys' })
export class EventIdempotencyKey {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  eventId!: string;

  /** Past this, the key may name a new event (checked in queries: no TTL indexes on every store). */
  @Prop({ type: Date, required: true })
  expiresAt!: Date;
}

export const EventIdempotencyKeySchema = SchemaFactory.createForClass(EventIdempotencyKey);
