import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../audit/audit-log.repository.js';
import { ATTEMPT_OUTCOMES } from '../../webhooks/outbox/attempt-result.js';
import { WebhookAttemptsRepository } from '../../webhooks/outbox/webhook-attempts.repository.js';
import type { ReportRecord } from '../report.schema.js';
import { summarize } from './webhook-summary.js';

const BATCH = 1_000;

export interface ReportSource {
  columns: readonly string[];
  /** Source records to read, for the progress percentage. */
  total(): Promise<number>;
  /** The rows, in order; `onRead` is called once per source record read. */
  rows(onRead: () => Promise<void>): AsyncIterable<Record<string, unknown>>;
}

const FAILURE_OUTCOMES = ATTEMPT_OUTCOMES.filter((outcome) => outcome !== 'success');

/** What each report type reads and the rows it makes; every query is bound to the report's organization. */
@Injectable()
export class ReportSources {
  constructor(
    private readonly attempts: WebhookAttemptsRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  for(report: ReportRecord): ReportSource {
    const orgId = report.orgId.toHexString();
    const { from, to } = report.filters;
    const attemptFilter = {
      from,
      to,
      endpointId: report.filters.endpointId ?? undefined,
      outcome: report.filters.outcome ?? undefined,
    };
    const { attempts, audit } = this;
    switch (report.type) {
      case 'webhook-deliveries':
        return {
          columns: ['time', 'endpointId', 'eventType', 'messageId', 'attempt', 'outcome', 'statusCode', 'durationMs'],
          total: () => attempts.countForReport(orgId, attemptFilter),
          async *rows(onRead) {
            for await (const a of attempts.streamForReport(orgId, attemptFilter, BATCH)) {
              await onRead();
              yield {
                time: a.createdAt,
                endpointId: a.endpointId.toHexString(),
                eventType: a.eventType ?? '',
                messageId: a.messageId.toHexString(),
                attempt: a.attempt,
                outcome: a.outcome,
                statusCode: a.statusCode ?? '',
                durationMs: a.durationMs,
              };
            }
          },
        };
      case 'webhook-summary':
        return {
          columns: [
            'endpointId',
            'attempts',
            'successRate',
            'p50DurationMs',
            'p95DurationMs',
            ...FAILURE_OUTCOMES.map((o) => `failed_${o}`),
          ],
          total: () => attempts.countForReport(orgId, attemptFilter),
          async *rows(onRead) {
            const read = (async function* () {
              for await (const a of attempts.streamForReport(orgId, attemptFilter, BATCH)) {
                await onRead();
                yield a;
              }
            })();
            yield* await summarize(read, FAILURE_OUTCOMES);
          },
        };
      case 'audit-log':
        return {
          columns: ['time', 'action', 'actorType', 'actorId', 'target', 'ip'],
          total: () => audit.countForReport(orgId, from, to),
          async *rows(onRead) {
            for await (const entry of audit.streamForReport(orgId, from, to, BATCH)) {
              await onRead();
              yield {
                time: entry.at,
                action: entry.action,
                actorType: entry.actorType,
                actorId: entry.actorId,
                target: entry.target ?? '',
                ip: entry.ip ?? '',
              };
            }
          },
        };
    }
  }
}
