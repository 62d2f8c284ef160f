import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Role } from '../orgs/roles.js';
import { Invitation, type InvitationRecord } from './invitation.schema.js';

export interface NewInvitation {
  email: string;
  role: Role;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
}

const PENDING = { acceptedAt: null, revokedAt: null };

@Injectable()
export class InvitationsRepository {
  constructor(@InjectModel(Invitation.name) private readonly model: Model<Invitation>) {}

  async create(orgId: string, invitation: NewInvitation): Promise<InvitationRecord> {
    return (await this.model.create({ ...invitation, orgId })).toObject();
  }

  list(orgId: string): Promise<InvitationRecord[]> {
    return this.model.find({ orgId }).sort({ _id: -1 }).lean<InvitationRecord[]>().exec();
  }

  find(orgId: string, invitationId: string): Promise<InvitationRecord | null> {
    return this.model.findOne({ _id: invitationId, orgId }).lean<InvitationRecord>().exec();
  }

  async revoke(orgId: string, invitationId: string, at: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: invitationId, orgId, ...PENDING }, { $set: { revokedAt: at } });
    return result.modifiedCount === 1;
  }

  /** Re-inviting someone makes their earlier links stop working. */
  async revokePendingFor(orgId: string, email: string, at: Date): Promise<void> {
    await this.model.updateMany({ orgId, email, ...PENDING }, { $set: { revokedAt: at } });
  }

  /** Reads across organizations, as accepting must: the token is what names the invitation. */
  findByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
    return this.model.findOne({ tokenHash }).lean<InvitationRecord>().exec();
  }

  /** Marks the invitation accepted if it still is pending and unexpired: of two racing accepts, one wins. */
  claim(tokenHash: string, now: Date): Promise<InvitationRecord | null> {
    return this.model
      .findOneAndUpdate(
        { tokenHash, ...PENDING, expiresAt: { $gt: now } },
        { $set: { acceptedAt: now } },
        { returnDocument: 'after' },
      )
      .lean<InvitationRecord>()
      .exec();
  }

  /** Retention: invitations never accepted whose expiry passed before `before`. */
  async deleteExpiredBefore(before: Date): Promise<number> {
    return (await this.model.deleteMany({ acceptedAt: null, expiresAt: { $lt: before } })).deletedCount;
  }
}
