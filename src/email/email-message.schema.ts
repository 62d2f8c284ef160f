import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';
import type { EmailTemplateName } from './email-templates.js';

export const EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** The email outbox: a record is written before its job is enqueued, so no email is lost to Redis. */
@Schema({ collection: 'email_messages', timestamps: true })
export class EmailMessage {
  @Prop({ type: String, required: true, lowercase: true, trim: true })
  to!: string;

  @Prop({ type: String, required: true })
  template!: EmailTemplateName;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true, default: {} })
  variables!: Record<string, string>;

  @Prop({ type: String, required: true, enum: EMAIL_STATUSES, default: 'queued' })
  status!: EmailStatus;

  @Prop({ type: Number, required: true, default: 0 })
  attempts!: number;

  @Prop({ type: String, default: null })
  lastError!: string | null;

  /** While set in the future, one worker is sending this email; others leave it alone. */
  @Prop({ type: Date, default: null })
  lockedUntil!: Date | null;

  @Prop({ type: Date, default: null })
  sentAt!: Date | null;

  /** Set for emails whose content must only be sent once, e.g. one invitation per token. */
  @Prop({ type: String })
  dedupeKey?: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export type EmailMessageRecord = EmailMessage & { _id: Types.ObjectId };

export const EmailMessageSchema = SchemaFactory.createForClass(EmailMessage);
EmailMessageSchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });
EmailMessageSchema.index({ status: 1, updatedAt: 1 });
