import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';

@Schema({ collection: 'api_keys', timestamps: true })
export class ApiKey {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  @Prop({ type: String, required: true, trim: true })
  name!: string;

  @Prop({ type: [String], required: true })
  scopes!: string[];

  /** The first characters of the key, kept so people can recognise it. */
  @Prop({ type: String, required: true })
  prefix!: string;

  /** sha256 of the whole key, hex; the key itself is never stored. */
  @Prop({ type: String, required: true })
  hash!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  /** Updated at most once a minute, so authenticating stays a read. */
  @Prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type ApiKeyRecord = ApiKey & { _id: Types.ObjectId };
export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
ApiKeySchema.index({ hash: 1 }, { unique: true });
ApiKeySchema.index({ orgId: 1, _id: -1 });
