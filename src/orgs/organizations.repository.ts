import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { Organization, type OrganizationRecord } from './organization.schema.js';

@Injectable()
export class OrganizationsRepository {
  constructor(@InjectModel(Organization.name) private readonly model: Model<Organization>) {}

  async create(org: Pick<Organization, 'name' | 'personal'>): Promise<OrganizationRecord> {
    return (await this.model.create(org)).toObject();
  }

  /** Reading an organization needs its id twice over: as the tenant and as the document. */
  findById(orgId: string): Promise<OrganizationRecord | null> {
    return this.model.findById(orgId).lean<OrganizationRecord>().exec();
  }

  findByIds(orgIds: Types.ObjectId[]): Promise<OrganizationRecord[]> {
    return this.model
      .find({ _id: { $in: orgIds } })
      .sort({ _id: 1 })
      .lean<OrganizationRecord[]>()
      .exec();
  }
}
