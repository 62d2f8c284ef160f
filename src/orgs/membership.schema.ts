import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';
import { type Role, ROLES } from './roles.js';

@Schema({ collection: 'memberships', timestamps: true })
export class Membership {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: ROLES })
  role!: Role;

  createdAt!: Date;
  updatedAt!: Date;
}

export type MembershipRecord = Membership & { _id: Types.ObjectId };
export const MembershipSchema = SchemaFactory.createForClass(Membership);
MembershipSchema.index({ orgId: 1, userId: 1 }, { unique: true });
MembershipSchema.index({ userId: 1 });
