import { Writable } from 'node:stream';
import winston from 'winston';
import { inMemoryTracing } from '../../tracing/in-memory-tracing.fixture.js';
import { requestContext } from '../request-context.js';
import { createLogger } from './logger.js';

function capture(json: boolean) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', json, service: 'novapulse', role: 'api' });
  logger.clear().add(
    new winston.transports.Stream({
      stream: new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    }),
  );
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines carrying the request id of the current request', () => {
    const { logger, lines } = capture(true);
    requestContext.run({ requestId: 'req-42' }, () => logger.info('hello', { userId: 'u1' }));
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: 'info',
      message: 'hello',
      requestId: 'req-42',
      userId: 'u1',
      service: 'novapulse',
      role: 'api',
    });
    expect(line.timestamp).toEqual(expect.any(String));
  });

  it('never writes secrets, whether in fields or in connection strings', () => {
    const { logger, lines } = capture(true);
    logger.warn('cannot reach redis://:hunter2@cache:6379', { password: 'hunter2', body: { token: 'hunter2' } });
    expect(lines.join('')).not.toContain('hunter2');
  });

  it('writes readable lines in development', () => {
    const { logger, lines } = capture(false);
    requestContext.run({ requestId: 'req-7' }, () => logger.info('ready', { context: 'Main' }));
    expect(lines[0]).toMatch(/\[Main\] \(req-7\) ready/);
  });

  it('names the trace and span of the operation a line is written in, and none outside one', async () => {
    const tracing = inMemoryTracing();
    try {
      const { logger, lines } = capture(true);
      const span = tracing.tracer.startActiveSpan(
        'job',
        (active) => (logger.info('inside'), active.end(), active.spanContext()),
      );
      logger.info('outside');
      expect(JSON.parse(lines[0]!)).toMatchObject({ trace_id: span.traceId, span_id: span.spanId });
      expect(JSON.parse(lines[1]!)).not.toHaveProperty('trace_id');
    } finally {
      await tracing.stop();
    }
  });
});
