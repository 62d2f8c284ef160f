import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Membership, type MembershipRecord } from './membership.schema.js';
import type { Role } from './roles.js';

/** Every method takes the organization id first: membership data is tenant data. */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectModel(Membership.name) private readonly model: Model<Membership>) {}

  async add(orgId: string, userId: string, role: Role): Promise<MembershipRecord> {
    return (await this.model.create({ orgId, userId, role })).toObject();
  }

  find(orgId: string, userId: string): Promise<MembershipRecord | null> {
    return this.model.findOne({ orgId, userId }).lean<MembershipRecord>().exec();
  }

  list(orgId: string): Promise<MembershipRecord[]> {
    return this.model.find({ orgId }).sort({ _id: 1 }).lean<MembershipRecord[]>().exec();
  }

  countOwners(orgId: string): Promise<number> {
    return this.model.countDocuments({ orgId, role: 'owner' }).exec();
  }

  /** With `expected`, changes the role only if it still is that one, so concurrent changes cannot cross. */
  async setRole(orgId: string, userId: string, role: Role, expected?: Role): Promise<boolean> {
    const filter = { orgId, userId, ...(expected ? { role: expected } : {}) };
    return (await this.model.updateOne(filter, { $set: { role } })).matchedCount === 1;
  }

  async remove(orgId: string, userId: string): Promise<boolean> {
    return (await this.model.deleteOne({ orgId, userId })).deletedCount === 1;
  }

  /** The one cross-tenant read: which organizations a user belongs to. */
  forUser(userId: string): Promise<MembershipRecord[]> {
    return this.model.find({ userId }).sort({ _id: 1 }).lean<MembershipRecord[]>().exec();
  }
}
