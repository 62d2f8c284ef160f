import { describe, expect, it } from '@jest/globals';
import type { BadRequestException } from '@nestjs/common';
import { ZodPipe } from '../../common/validation/zod.pipe.js';
import { createWorkflowBody } from './workflow-definition.dto.js';

const pipe = new ZodPipe(createWorkflowBody);
const details = (body: unknown): { field: string; problem: string }[] => {
  try {
    pipe.transform(body);
  } catch (error) {
    return ((error as BadRequestException).getResponse() as { details: { field: string; problem: string }[] }).details;
  }
  return [];
};

const eventTrigger = { type: 'event', eventType: 'order.created' };
const email = {
  type: 'send_email',
  to: ['ops@example.com'],
  subject: 'Order {{event.data.id}}',
  text: 'Total {{event.data.total}}',
};
const withStep = (step: unknown) => ({ name: 'w', trigger: eventTrigger, steps: [email, step] });

describe('workflow definitions: each invalid one names its step and field', () => {
  const table: [string, unknown, string][] = [
    ['unknown step type', withStep({ type: 'run_code', code: '1' }), 'steps.1.type'],
    ['bad duration', withStep({ type: 'delay', duration: 'PT' }), 'steps.1.duration'],
    ['duration over 30 days', withStep({ type: 'delay', duration: 'P31D' }), 'steps.1.duration'],
    ['placeholder naming nothing', withStep({ ...email, text: 'Hi {{user.name}}' }), 'steps.1.text'],
    ['unclosed placeholder', withStep({ ...email, subject: 'Hi {{event.data.name' }), 'steps.1.subject'],
    ['bad recipient', withStep({ ...email, to: ['not an address'] }), 'steps.1.to.0'],
    [
      'payload placeholder naming nothing',
      withStep({ type: 'publish_event', eventType: 'order.noted', payload: { a: ['{{x}}'] } }),
      'steps.1.payload.a.0',
    ],
    [
      'publishing a platform event',
      withStep({ type: 'publish_event', eventType: 'user.created' }),
      'steps.1.eventType',
    ],
    [
      'publishing its own trigger',
      withStep({ type: 'publish_event', eventType: 'order.created' }),
      'steps.1.eventType',
    ],
    [
      'condition over nothing',
      withStep({ type: 'condition', when: { all: [{ field: 'data.x', op: 'eq', value: 1 }] } }),
      'steps.1.when.all.0.field',
    ],
    [
      'unknown comparison',
      withStep({ type: 'condition', when: { field: 'event.data.x', op: 'matches', value: 1 } }),
      'steps.1.when',
    ],
    [
      'bad cron',
      { name: 'w', trigger: { type: 'schedule', cron: 'every day', timeZone: 'UTC' }, steps: [email] },
      'trigger.cron',
    ],
    [
      'bad time zone',
      { name: 'w', trigger: { type: 'schedule', cron: '0 9 * * *', timeZone: 'Mars/Olympus' }, steps: [email] },
      'trigger.timeZone',
    ],
    [
      'wildcard trigger',
      { name: 'w', trigger: { type: 'event', eventType: '*' }, steps: [email] },
      'trigger.eventType',
    ],
    ['no steps', { name: 'w', trigger: eventTrigger, steps: [] }, 'steps'],
  ];

  it.each(table)('%s → %s', (_case, body, field) => {
    expect(details(body).map((d) => d.field)).toContain(field);
  });

  it('accepts a full definition', () => {
    const body = {
      name: 'Big orders',
      trigger: { type: 'schedule', cron: '*/5 * * * *', timeZone: 'Europe/Paris' },
      steps: [
        {
          type: 'condition',
          when: {
            any: [
              { field: 'event.data.total', op: 'gt', value: 100 },
              { all: [{ field: 'event.type', op: 'exists' }] },
            ],
          },
        },
        email,
        { type: 'delay', duration: 'PT2S' },
        { type: 'delay', duration: 60 },
        { type: 'publish_event', eventType: 'order.noted', payload: { id: '{{event.data.id}}' } },
      ],
    };
    expect(details(body)).toEqual([]);
  });
});
