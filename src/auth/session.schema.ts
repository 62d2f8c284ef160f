import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';

/**
 * One sign-in: a refresh-token family. Each refresh replaces `tokenHash` and keeps the old hash in
 * `rotatedHashes`, so presenting a rotated token is recognised as reuse and revokes the family.
 */
@Schema({ collection: 'sessions', timestamps: true })
export class Session {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, unique: true })
  tokenHash!: string;

  @Prop({ type: [String], required: true, default: [] })
  rotatedHashes!: string[];

  @Prop({ type: String, default: '' })
  userAgent!: string;

  @Prop({ type: String, default: '' })
  ip!: string;

  /** Whether this sign-in passed the MFA step; routes for platform operators ask for it. */
  @Prop({ type: Boolean, required: true, default: false })
  mfaPassed!: boolean;

  @Prop({ type: Date, required: true })
  lastUsedAt!: Date;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  @Prop({ type: String, default: null })
  revokedReason!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type SessionRecord = Session & { _id: Types.ObjectId };
export const SessionSchema = SchemaFactory.createForClass(Session);
SessionSchema.index({ rotatedHashes: 1 });
SessionSchema.index({ userId: 1, revokedAt: 1 });
