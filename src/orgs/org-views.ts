import type { UserRecord } from '../users/user.schema.js';
import type { MembershipRecord } from './membership.schema.js';
import type { OrganizationRecord } from './organization.schema.js';
import type { Role } from './roles.js';

export interface OrganizationView {
  id: string;
  name: string;
  personal: boolean;
  /** The caller's role; absent for API keys. */
  role?: Role;
  createdAt: Date;
}

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
}

export function organizationView(org: OrganizationRecord, role?: Role): OrganizationView {
  return {
    id: org._id.toHexString(),
    name: org.name,
    personal: org.personal,
    ...(role ? { role } : {}),
    createdAt: org.createdAt,
  };
}

/** Only what a colleague may see: never the password hash or anything about MFA. */
export function memberView(membership: MembershipRecord, user: Pick<UserRecord, 'email' | 'name'>): MemberView {
  return {
    userId: membership.userId.toHexString(),
    email: user.email,
    name: user.name,
    role: membership.role,
    joinedAt: membership.createdAt,
  };
}
