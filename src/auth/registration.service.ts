import { Injectable } from '@nestjs/common';
import { isDuplicateKey } from '../database/mongo-errors.js';
import { EmailService } from '../email/email.service.js';
import { MembershipsRepository } from '../orgs/memberships.repository.js';
import { OrganizationsRepository } from '../orgs/organizations.repository.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { PlatformEvents } from '../webhooks/events/platform-events.js';
import { hashSecret } from './passwords.js';

export interface Registration {
  email: string;
  password: string;
  name: string;
}

export const REGISTERED_MESSAGE = 'If this email address can be registered, its account is ready: sign in to continue.';

/** Sign-up: a user, their personal organization, and their owner membership. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly users: UsersRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly emails: EmailService,
    private readonly platformEvents: PlatformEvents,
  ) {}

  /**
   * Answers the same whether or not the email is taken, so sign-up cannot be used to learn who
   * has an account; the owner of a taken address is told by email instead.
   */
  async register(registration: Registration): Promise<void> {
    const passwordHash = await hashSecret(registration.password);
    const existing = await this.users.findByEmail(registration.email);
    if (existing) {
      await this.emails.send(existing.email, 'sign-up-attempt', { name: existing.name });
      return;
    }
    try {
      await this.createAccount({ email: registration.email, name: registration.name, passwordHash });
    } catch (error) {
      // A concurrent sign-up with the same email lost the race on the unique index: same answer.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Also used when an invitation registers a new user. */
  async createAccount(user: { email: string; name: string; passwordHash: string }): Promise<UserRecord> {
    const created = await this.users.create(user);
    const userId = created._id.toHexString();
    const org = await this.orgs.create({ name: `${user.name}'s organization`, personal: true });
    await this.memberships.add(org._id.toHexString(), userId, 'owner');
    await this.platformEvents.publish(org._id.toHexString(), 'user.created', {
      userId,
      email: created.email,
      name: created.name,
    });
    return created;
  }
}
