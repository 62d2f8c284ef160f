import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';

/**
 * A user who may see and act on every queue, across organizations. Kept apart from org roles and
 * from the user document: only `npm run operator` (run where the service runs) writes here.
 */
@Schema({ collection: 'platform_operators', timestamps: { createdAt: 'grantedAt', updatedAt: false } })
export class PlatformOperator {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true, unique: true })
  userId!: Types.ObjectId;

  /** The address at the time of the grant, for people reading the collection. */
  @Prop({ type: String, required: true })
  email!: string;

  grantedAt!: Date;
}

export const PlatformOperatorSchema = SchemaFactory.createForClass(PlatformOperator);
