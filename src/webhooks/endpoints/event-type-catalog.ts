import type { PlatformEventType } from './event-types.js';

export interface EventTypeEntry {
  description: string;
  /** The `data` of a delivery of this type, as NovaPulse sends it. */
  example: Record<string, unknown>;
}

const USER_ID = '665f1c2e8b3a4d0012345678';
const ORG_ID = '665f1c2e8b3a4d0012345600';

/**
 * What `GET /event-types` lists. A Record over every platform event type: a type added to
 * PLATFORM_EVENT_TYPES does not compile until it has its entry here.
 */
export const EVENT_TYPE_CATALOG: Record<PlatformEventType, EventTypeEntry> = {
  'user.created': {
    description: 'A user signed up; sent to their personal organization.',
    example: { userId: USER_ID, email: 'ada@example.com', name: 'Ada Lovelace' },
  },
  'member.invited': {
    description: 'Someone was invited to the organization.',
    example: {
      invitationId: '665f1c2e8b3a4d0012345679',
      email: 'grace@example.com',
      role: 'member',
      invitedBy: USER_ID,
    },
  },
  'member.joined': {
    description: 'An invited user accepted and joined the organization.',
    example: { userId: USER_ID, role: 'member' },
  },
  'mfa.enabled': {
    description: 'A member turned on two-factor sign-in; sent to each of their organizations.',
    example: { userId: USER_ID },
  },
  'mfa.disabled': {
    description: 'A member turned off two-factor sign-in; sent to each of their organizations.',
    example: { userId: USER_ID },
  },
  'endpoint.disabled': {
    description: 'NovaPulse disabled a webhook endpoint that kept failing, or that answered 410 Gone.',
    example: { endpointId: '665f1c2e8b3a4d001234567a', reason: 'failing', failingSince: '2026-11-25T08:00:00.000Z' },
  },
  'workflow.run.failed': {
    description: 'A workflow run failed: a step used up its attempts, or failed in a way no retry can mend.',
    example: {
      workflowId: '665f1c2e8b3a4d001234567c',
      runId: '665f1c2e8b3a4d001234567d',
      version: 2,
      step: 1,
      stepType: 'send_email',
      error: 'SMTP relay refused the message',
    },
  },
  'report.completed': {
    description: 'A report finished and its file can be downloaded until `expiresAt`.',
    example: {
      reportId: '665f1c2e8b3a4d001234567b',
      orgId: ORG_ID,
      type: 'webhook-deliveries',
      format: 'csv',
      rows: 50_000,
      bytes: 7_340_032,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      expiresAt: '2026-12-01T08:00:00.000Z',
    },
  },
  'webhook.test': {
    description: 'Sent to one endpoint by `POST /webhooks/{id}/test`; no other endpoint receives it.',
    example: { endpointId: '665f1c2e8b3a4d001234567a', sentAt: '2026-11-30T08:00:00.000Z' },
  },
};
