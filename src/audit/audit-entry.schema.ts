import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked_out',
  'auth.sign_out',
  'auth.session_revoked',
  'auth.refresh_token_reused',
  'auth.password_reset',
  'auth.password_changed',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.recovery_codes_regenerated',
  'mfa.recovery_code_used',
  'member.invited',
  'member.invitation_revoked',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'api_key.created',
  'api_key.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only: nothing updates or deletes an entry. */
@Schema({ collection: 'audit_log', timestamps: { createdAt: 'at', updatedAt: false } })
export class AuditEntry {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  /** A user id, or an API key id when `actorType` is apiKey. */
  @Prop({ type: String, required: true })
  actorId!: string;

  @Prop({ type: String, required: true, enum: ['user', 'apiKey'] })
  actorType!: 'user' | 'apiKey';

  @Prop({ type: String, required: true, enum: AUDIT_ACTIONS })
  action!: AuditAction;

  /** What the action was done to, e.g. `user:<id>` or `api_key:<id>`. */
  @Prop({ type: String, default: null })
  target!: string | null;

  @Prop({ type: String, default: null })
  ip!: string | null;

  at!: Date;
}

export type AuditEntryRecord = AuditEntry & { _id: Types.ObjectId };
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
AuditEntrySchema.index({ orgId: 1, _id: -1 });
