import { Types } from 'mongoose';
import type { InvitationRecord } from './invitation.schema.js';
import { invitationStatus, invitationView } from './invitation-views.js';

const now = new Date('2026-01-10T12:00:00Z');
const invitation = (fields: Partial<InvitationRecord> = {}): InvitationRecord => ({
  _id: new Types.ObjectId(),
  orgId: new Types.ObjectId(),
  email: 'ada@example.com',
  role: 'member',
  tokenHash: 'f'.repeat(64),
  invitedBy: new Types.ObjectId(),
  expiresAt: new Date('2026-01-17T12:00:00Z'),
  acceptedAt: null,
  revokedAt: null,
  createdAt: now,
  updatedAt: now,
  ...fields,
});

describe('invitation status', () => {
  it('is pending until it expires, is accepted or is revoked', () => {
    expect(invitationStatus(invitation(), now)).toBe('pending');
    expect(invitationStatus(invitation({ expiresAt: now }), now)).toBe('expired');
    expect(invitationStatus(invitation({ acceptedAt: now }), now)).toBe('accepted');
    expect(invitationStatus(invitation({ revokedAt: now }), now)).toBe('revoked');
  });

  it('is shown without the token hash', () => {
    const view = invitationView(invitation(), now);
    expect(Object.keys(view).sort()).toEqual(['createdAt', 'email', 'expiresAt', 'id', 'role', 'status']);
    expect(JSON.stringify(view)).not.toContain('ffff');
  });
});
