import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { ExpiringCache } from '../../common/expiring-cache.js';
import type { WorkflowRecord } from '../workflow.schema.js';
import { WorkflowsRepository } from '../workflows.repository.js';

/**
 * Every save of a workflow bumps the organization's generation, so a copy is current while it is
 * unchanged; this long at most, the bound on a bump lost to a Redis outage.
 */
const CACHE_MS = 10_000;
/** Bounds the copies' memory whatever the number of organizations; the oldest goes first. */
const CACHE_ENTRIES = 1_000;

/**
 * An organization's enabled event-triggered workflows, kept per process and checked against the
 * generation the publish read with the event's subscriptions (one MGET), so a publish reads no more
 * from Redis or Mongo while nothing changed. The generation must be read before the workflows: a copy
 * read from Mongo after a save that bumped it later is tagged older and read again on the next publish.
 */
@Injectable()
export class EventTriggeredWorkflows {
  private readonly cache = new ExpiringCache<WorkflowRecord[]>(CACHE_MS, CACHE_ENTRIES);

  constructor(
    private readonly workflows: WorkflowsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `generation` null: Redis could not say, so Mongo answers and nothing is kept. */
  async forEvent(orgId: string, eventType: string, generation: number | null): Promise<WorkflowRecord[]> {
    const all = await this.ofOrg(orgId.toLowerCase(), generation);
    return all.filter((workflow) => workflow.trigger.type === 'event' && workflow.trigger.eventType === eventType);
  }

  private async ofOrg(orgId: string, generation: number | null): Promise<WorkflowRecord[]> {
    const now = this.clock.now().getTime();
    if (generation === null) {
      this.cache.delete(orgId);
      return this.workflows.eventTriggered(orgId);
    }
    const cached = this.cache.get(orgId, now, generation);
    if (cached) return cached;
    const workflows = await this.workflows.eventTriggered(orgId);
    this.cache.set(orgId, workflows, now, generation);
    return workflows;
  }
}
