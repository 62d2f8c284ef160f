import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';

/** A TOTP secret encrypted with AES-256-GCM; `keyId` names the key, so keys can be rotated. */
export interface EncryptedSecret {
  keyId: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface RecoveryCode {
  hash: string;
  usedAt: Date | null;
}

export interface UserMfa {
  enabled: boolean;
  secret: EncryptedSecret | null;
  /** Set by /mfa/setup, moved to `secret` by /mfa/verify. */
  pendingSecret: EncryptedSecret | null;
  /** The last TOTP time step accepted: a code from it or an earlier step is a replay. */
  lastUsedStep: number;
  recoveryCodes: RecoveryCode[];
  enabledAt: Date | null;
}

@Schema({ collection: 'users', timestamps: true })
export class User {
  @Prop({ type: String, required: true, unique: true })
  email!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  passwordHash!: string;

  @Prop({ type: Number, required: true, default: 0 })
  failedLogins!: number;

  /** While in the future, sign-in attempts are refused with 429 (the lockout delay). */
  @Prop({ type: Date, default: null })
  loginDelayedUntil!: Date | null;

  @Prop({
    type: Object,
    required: true,
    default: () => ({
      enabled: false,
      secret: null,
      pendingSecret: null,
      lastUsedStep: 0,
      recoveryCodes: [],
      enabledAt: null,
    }),
  })
  mfa!: UserMfa;

  createdAt!: Date;
  updatedAt!: Date;
}

export type UserRecord = User & { _id: Types.ObjectId };

export const UserSchema = SchemaFactory.createForClass(User);
