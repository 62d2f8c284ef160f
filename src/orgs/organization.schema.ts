import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';

@Schema({ collection: 'organizations', timestamps: true })
export class Organization {
  @Prop({ type: String, required: true, trim: true })
  name!: string;

  /** Created with its owner at registration. */
  @Prop({ type: Boolean, required: true, default: false })
  personal!: boolean;

  createdAt!: Date;
  updatedAt!: Date;
}

export type OrganizationRecord = Organization & { _id: Types.ObjectId };
export const OrganizationSchema = SchemaFactory.createForClass(Organization);
