import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { EmailModule } from '../email/email.module.js';
import { MfaModule } from '../mfa/mfa.module.js';
import { PlatformOperator, PlatformOperatorSchema } from '../operators/platform-operator.schema.js';
import { PlatformOperatorsRepository } from '../operators/platform-operators.repository.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { UsersModule } from '../users/users.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AccessTokens } from './access-tokens.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { PasswordChangeService } from './password-change.service.js';
import { PasswordReset, PasswordResetSchema } from './password-reset.schema.js';
import { PasswordResetService } from './password-reset.service.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { RegistrationService } from './registration.service.js';
import { Session, SessionSchema } from './session.schema.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { SignInController } from './sign-in.controller.js';
import { SignInService } from './sign-in.service.js';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Session.name, schema: SessionSchema },
      { name: PasswordReset.name, schema: PasswordResetSchema },
      // GET /auth/me says whether the user is an operator; OperatorsModule depends on this module, not the reverse.
      { name: PlatformOperator.name, schema: PlatformOperatorSchema },
    ]),
    UsersModule,
    OrgsModule,
    EmailModule,
    WebhooksModule,
    AuditModule,
    MfaModule,
    ApiKeysModule,
  ],
  controllers: [AuthController, SignInController],
  providers: [
    AccessTokens,
    SessionsRepository,
    SessionsService,
    PasswordResetsRepository,
    PasswordResetService,
    PlatformOperatorsRepository,
    PasswordChangeService,
    RegistrationService,
    SignInService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [RegistrationService, SessionsService, AccessTokens],
})
export class AuthModule {}
