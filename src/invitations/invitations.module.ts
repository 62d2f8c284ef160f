import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { EmailModule } from '../email/email.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { UsersModule } from '../users/users.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { Invitation, InvitationSchema } from './invitation.schema.js';
import { InvitationAcceptanceController } from './invitation-acceptance.controller.js';
import { InvitationAcceptance } from './invitation-acceptance.service.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';

@Module({
  // AuthModule for RegistrationService: an invited newcomer's account is created exactly as sign-up creates one.
  imports: [
    AuthModule,
    OrgsModule,
    UsersModule,
    EmailModule,
    WebhooksModule,
    AuditModule,
    MongooseModule.forFeature([{ name: Invitation.name, schema: InvitationSchema }]),
  ],
  controllers: [InvitationsController, InvitationAcceptanceController],
  providers: [InvitationsRepository, InvitationsService, InvitationAcceptance],
})
export class InvitationsModule {}
