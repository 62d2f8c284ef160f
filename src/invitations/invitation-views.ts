import type { Role } from '../orgs/roles.js';
import type { InvitationRecord } from './invitation.schema.js';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  expiresAt: Date;
  createdAt: Date;
}

export function invitationStatus(invitation: InvitationRecord, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt > now ? 'pending' : 'expired';
}

/** Never the token or its hash. */
export function invitationView(invitation: InvitationRecord, now: Date): InvitationView {
  return {
    id: invitation._id.toHexString(),
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation, now),
    expiresAt: invitation.expiresAt,
    createdAt: invitation.createdAt,
  };
}
