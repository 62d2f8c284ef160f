import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Types } from 'mongoose';

export const REPORT_TYPES = ['webhook-deliveries', 'webhook-summary', 'audit-log'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const REPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'expired'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportFilters {
  from: Date;
  to: Date;
  endpointId: string | null;
  outcome: string | null;
}

/** A report an organization asked for: its request, its progress, and where its file is while it lasts. */
@Schema({ collection: 'reports', timestamps: true })
export class Report {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  orgId!: Types.ObjectId;

  /** The user who asked (null when an API key did): the one emailed, if `notify`. */
  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  requestedBy!: Types.ObjectId | null;

  @Prop({ type: String, required: true, enum: REPORT_TYPES })
  type!: ReportType;

  @Prop({ type: String, required: true, enum: REPORT_FORMATS })
  format!: ReportFormat;

  @Prop({ type: Object, required: true })
  filters!: ReportFilters;

  @Prop({ type: Boolean, required: true, default: false })
  notify!: boolean;

  @Prop({ type: String, required: true, enum: REPORT_STATUSES, default: 'queued' })
  status!: ReportStatus;

  /** Source records read so far (attempts or audit entries); progress is their share of the total. */
  @Prop({ type: Number, required: true, default: 0 })
  recordsRead!: number;

  /** Rows in the finished file (for a summary, one per endpoint). */
  @Prop({ type: Number, default: null })
  rows!: number | null;

  @Prop({ type: Number, required: true, default: 0 })
  percent!: number;

  @Prop({ type: Number, default: null })
  bytes!: number | null;

  @Prop({ type: String, default: null })
  sha256!: string | null;

  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  fileId!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  error!: string | null;

  @Prop({ type: Date, default: null })
  startedAt!: Date | null;

  @Prop({ type: Date, default: null })
  finishedAt!: Date | null;

  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type ReportRecord = Report & { _id: Types.ObjectId };
export const ReportSchema = SchemaFactory.createForClass(Report);
ReportSchema.index({ orgId: 1, _id: -1 });
ReportSchema.index({ orgId: 1, status: 1 });
ReportSchema.index({ status: 1, expiresAt: 1 });
