import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/error-responses.js';
import { idSchema } from '../openapi/schema-builders.js';
import { ORG_HEADER } from './org-header.js';

export interface OrgScopedControllerOptions {
  path: string;
  tag: string;
  /** What the 404 means on these routes. */
  notFound: string;
  /** What the 400 means, when more than a malformed request or X-Org-Id. */
  invalid?: string;
  headerDescription?: string;
}

/**
 * A controller whose routes act in one organization, named by X-Org-Id (signed-in users) or the API
 * key's own: its tag, bearer auth, the header, and the errors every such route can answer.
 */
export function OrgScopedController(options: OrgScopedControllerOptions): ClassDecorator {
  const {
    path,
    tag,
    notFound,
    invalid = 'The request is invalid, or X-Org-Id is missing or malformed; `details` names each offending field',
    headerDescription = 'The organization to act in (signed-in users).',
  } = options;
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth('bearer'),
    ApiHeader({ name: ORG_HEADER, required: false, description: headerDescription, schema: idSchema }),
    ApiErrors({ status: 400, description: invalid }, 401, 403, { status: 404, description: notFound }, 429),
    Controller(path),
  );
}
