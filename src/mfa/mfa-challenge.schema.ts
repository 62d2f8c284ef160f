import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';

/**
 * Issued after a correct password when the account has MFA on: the second step presents it with a
 * code. Only the token's SHA-256 is stored. Using it deletes it. Expiry is checked in queries (no
 * TTL index on FerretDB). One request at a time checks a code against it.
 */
@Schema({ collection: 'mfa_challenges' })
export class MfaChallenge {
  @Prop({ type: String, required: true, unique: true })
  tokenHash!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  /** Set while one request checks its code against this challenge, so concurrent ones wait their turn. */
  @Prop({ type: Date, default: null })
  checkingUntil!: Date | null;
}

export type MfaChallengeRecord = MfaChallenge & { _id: Types.ObjectId };
export const MfaChallengeSchema = SchemaFactory.createForClass(MfaChallenge);
MfaChallengeSchema.index({ expiresAt: 1 });
