import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../../database/mongo-errors.js';
import { ReportsRepository } from '../reports.repository.js';

interface Slot {
  _id: string;
  reportId: string;
}

/**
 * An organization's report slots, one document each (`<orgId>:<n>`), so that at most `max` of its
 * reports run at once: a slot is taken by inserting it, or by a guarded update from a holder that is
 * no longer queued or running. Both are single-document writes, atomic without transactions.
 */
@Injectable()
export class ReportSlots {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly reports: ReportsRepository,
  ) {}

  private get slots() {
    return this.connection.collection<Slot>('report_slots');
  }

  /** True when this report holds one of the organization's slots (it may already have held one). */
  async claim(orgId: string, reportId: string, max: number): Promise<boolean> {
    const ids = Array.from({ length: max }, (_, i) => `${orgId}:${i}`);
    const held = await this.slots.find({ _id: { $in: ids } }).toArray();
    if (held.some((slot) => slot.reportId === reportId)) return true;
    for (const id of ids) {
      const holder = held.find((slot) => slot._id === id);
      if (!holder) {
        try {
          await this.slots.insertOne({ _id: id, reportId });
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) continue;
          throw error;
        }
      }
      const status = await this.reports.status(orgId, holder.reportId);
      if (status === 'queued' || status === 'running') continue;
      const taken = await this.slots.updateOne({ _id: id, reportId: holder.reportId }, { $set: { reportId } });
      if (taken.modifiedCount === 1) return true;
    }
    return false;
  }
}
