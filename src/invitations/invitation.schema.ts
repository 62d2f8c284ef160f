import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';
import { type Role, ROLES } from '../orgs/roles.js';

/** Pending until accepted, revoked or expired; the token is kept only as its sha256. */
@Schema({ collection: 'invitations', timestamps: true })
export class Invitation {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: String, required: true, lowercase: true, trim: true })
  email!: string;

  @Prop({ type: String, required: true, enum: ROLES })
  role!: Role;

  @Prop({ type: String, required: true })
  tokenHash!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  invitedBy!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  acceptedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type InvitationRecord = Invitation & { _id: Types.ObjectId };
export const InvitationSchema = SchemaFactory.createForClass(Invitation);
InvitationSchema.index({ tokenHash: 1 }, { unique: true });
InvitationSchema.index({ orgId: 1, email: 1 });
