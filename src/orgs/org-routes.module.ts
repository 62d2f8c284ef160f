import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { UsersModule } from '../users/users.module.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { OrgsController } from './orgs.controller.js';
import { OrgsModule } from './orgs.module.js';
import { OrgsService } from './orgs.service.js';

/** The /orgs and /orgs/:id/members routes (apart from OrgsModule, which the audit log itself imports). */
@Module({
  imports: [OrgsModule, UsersModule, AuditModule],
  controllers: [OrgsController, MembersController],
  providers: [OrgsService, MembersService],
})
export class OrgRoutesModule {}
