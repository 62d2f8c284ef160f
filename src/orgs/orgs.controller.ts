import { Controller, Get, Param } from '@nestjs/common';
import { CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { OrgsService } from './orgs.service.js';

@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Get()
  @Scope('orgs:read')
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.orgs.list(principal) };
  }

  @Get(':id')
  @Scope('orgs:read')
  get(@CurrentPrincipal() principal: Principal, @Param('id', new ObjectIdPipe('id')) orgId: string) {
    return this.orgs.get(principal, orgId);
  }
}
