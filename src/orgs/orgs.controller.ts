import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Scope } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { ApiIdParam } from '../openapi/id-param.js';
import { organizationSchema, organizationsSchema } from '../openapi/org-schemas.js';
import { OrgsService } from './orgs.service.js';

@ApiTags('orgs')
@ApiBearerAuth('bearer')
@ApiErrors(401, 403, 429)
@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Get()
  @Scope('orgs:read')
  @ApiOperation({
    summary: "The caller's organizations",
    description: "A user's, with their role in each; an API key's own organization. API key scope: orgs:read.",
  })
  @ApiOkResponse({ description: 'Organizations', schema: organizationsSchema })
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.orgs.list(principal) };
  }

  @Get(':id')
  @Scope('orgs:read')
  @ApiOperation({ summary: 'One organization', description: 'API key scope: orgs:read.' })
  @ApiIdParam('id', 'Organization id')
  @ApiOkResponse({ description: 'The organization', schema: organizationSchema })
  @ApiErrors(400, { status: 404, description: 'Organization not found (or the caller is not a member)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', new ObjectIdPipe('id')) orgId: string) {
    return this.orgs.get(principal, orgId);
  }
}
