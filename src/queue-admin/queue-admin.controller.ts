import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, UsersOnly } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ParamPipe } from '../common/validation/param.pipe.js';
import { ZodPipe } from '../common/validation/zod.pipe.js';
import type { QueueName } from '../config/env.schema.js';
import { ApiErrors } from '../openapi/error-responses.js';
import { failedJobsSchema, queueStatsSchema, retriedJobSchema } from '../openapi/queue-schemas.js';
import { ApiQueryFrom, toOpenApi } from '../openapi/zod-schema.js';
import { OperatorAccess } from '../operators/operator-access.js';
import { type FailedJobsQuery, failedJobsQuery, jobIdField, queueNameField } from './dto/queue-params.dto.js';
import { FailedJobsService } from './failed-jobs.service.js';
import { QueueStatsService } from './queue-stats.service.js';

/**
 * The operator's view of every queue. Parameters are checked before the caller's operator status,
 * so a malformed request is a 400 for anyone signed in; everything else is 403 for non-operators.
 */
@Controller('queue')
@UsersOnly()
@ApiTags('queues (operators)')
@ApiBearerAuth('bearer')
@ApiErrors(401, { status: 403, description: 'Only platform operators (who passed MFA, if they have it on)' }, 429)
export class QueueAdminController {
  constructor(
    private readonly access: OperatorAccess,
    private readonly stats: QueueStatsService,
    private readonly failed: FailedJobsService,
  ) {}

  @Get('stats')
  @ApiOperation({
    summary: 'Job counts, workers and recent throughput of every queue',
    description:
      'Each queue is read within 1 s or marked `available: false`. For a KEDA `metrics-api` scaler use ' +
      '`valueLocation: queues.<queue>.counts.waiting` (or `...ended.last5m.failureRate`).',
  })
  @ApiOkResponse({ description: 'Per-queue statistics', schema: queueStatsSchema })
  async queueStats(@CurrentPrincipal() principal: Principal) {
    await this.access.require(principal);
    return this.stats.stats();
  }

  @Get(':name/failed')
  @ApiOperation({
    summary: "A queue's failed jobs, most recently failed first",
    description:
      'Cursor pages (`nextCursor` → `cursor`): a job that fails while you page appears on a new first page, ' +
      'never inside the walk, so no job is skipped or listed twice. A malformed cursor is a 400 on `cursor`.',
  })
  @ApiParam({ name: 'name', schema: toOpenApi(queueNameField) })
  @ApiQueryFrom(failedJobsQuery)
  @ApiOkResponse({ description: 'One page of failed jobs', schema: failedJobsSchema })
  @ApiErrors(400, 504)
  async failedJobs(
    @CurrentPrincipal() principal: Principal,
    @Param('name', new ParamPipe('name', queueNameField)) name: QueueName,
    @Query(new ZodPipe(failedJobsQuery)) query: FailedJobsQuery,
  ) {
    await this.access.require(principal);
    return this.failed.list(name, query.limit, query.cursor);
  }

  @Post(':name/jobs/:jobId/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Move a failed job back to waiting, attempts reset' })
  @ApiParam({ name: 'name', schema: toOpenApi(queueNameField) })
  @ApiParam({ name: 'jobId', schema: toOpenApi(jobIdField) })
  @ApiAcceptedResponse({ description: 'The job waits to run again', schema: retriedJobSchema })
  @ApiErrors(
    400,
    { status: 404, description: 'No such job in that queue' },
    { status: 409, description: 'The job is not failed' },
    504,
  )
  async retry(
    @CurrentPrincipal() principal: Principal,
    @Param('name', new ParamPipe('name', queueNameField)) name: QueueName,
    @Param('jobId', new ParamPipe('jobId', jobIdField)) jobId: string,
  ) {
    await this.access.require(principal);
    return this.failed.retry(name, jobId);
  }
}
