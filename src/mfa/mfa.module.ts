import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EmailModule } from '../email/email.module.js';
import { UsersModule } from '../users/users.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { MfaController } from './mfa.controller.js';
import { MfaService } from './mfa.service.js';
import { MfaChallenge, MfaChallengeSchema } from './mfa-challenge.schema.js';
import { MfaChallenges } from './mfa-challenges.js';
import { MfaChallengesRepository } from './mfa-challenges.repository.js';
import { MfaEnrollment } from './mfa-enrollment.service.js';
import { Totp } from './totp.js';

@Module({
  imports: [
    UsersModule,
    EmailModule,
    AuditModule,
    WebhooksModule,
    MongooseModule.forFeature([{ name: MfaChallenge.name, schema: MfaChallengeSchema }]),
  ],
  controllers: [MfaController],
  providers: [
    {
      provide: SecretBox,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SecretBox(config.mfa.encryptionKeys),
    },
    Totp,
    MfaService,
    MfaEnrollment,
    MfaChallengesRepository,
    MfaChallenges,
  ],
  exports: [MfaService, MfaChallenges],
})
export class MfaModule {}
