import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module.js';
import { API_KEY_AUTHENTICATOR } from '../auth/principal.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ApiKey, ApiKeySchema } from './api-key.schema.js';
import { ApiKeyAuthenticatorService } from './api-key-authenticator.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/** Organization API keys, and the API_KEY_AUTHENTICATOR the auth guard resolves `np_live_…` bearers with. */
@Module({
  imports: [OrgsModule, AuditModule, MongooseModule.forFeature([{ name: ApiKey.name, schema: ApiKeySchema }])],
  controllers: [ApiKeysController],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    ApiKeyAuthenticatorService,
    { provide: API_KEY_AUTHENTICATOR, useExisting: ApiKeyAuthenticatorService },
  ],
  exports: [API_KEY_AUTHENTICATOR],
})
export class ApiKeysModule {}
