import { isSpanContextValid, trace } from '@opentelemetry/api';
import winston from 'winston';
import { requestContext } from '../request-context.js';
import { redactField, redactString } from './redact.js';

export interface LoggerOptions {
  level: string;
  json: boolean;
  service: string;
  role: 'api' | 'worker';
}

const { combine, timestamp, printf, colorize, json } = winston.format;

// Winston keeps its own state under symbol keys; only the string keys are ours to rewrite. Lines
// written inside a traced operation name its trace and span, so logs and traces can be joined.
const scrub = winston.format((info) => {
  for (const key of Object.keys(info)) {
    info[key] =
      key === 'message' && typeof info.message === 'string' ? redactString(info.message) : redactField(key, info[key]);
  }
  const requestId = requestContext.getStore()?.requestId;
  if (requestId && info.requestId === undefined) info.requestId = requestId;
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) {
    info.trace_id = span.traceId;
    info.span_id = span.spanId;
  }
  return info;
});

const readable = printf(({ timestamp: time, level, message, context, requestId, service: _s, role: _r, ...rest }) => {
  const fields = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  const where = typeof context === 'string' && context ? ` [${context}]` : '';
  const request = typeof requestId === 'string' && requestId ? ` (${requestId})` : '';
  return `${String(time)} ${level}${where}${request} ${String(message)}${fields}`;
});

export function createLogger(options: LoggerOptions): winston.Logger {
  return winston.createLogger({
    level: options.level,
    defaultMeta: { service: options.service, role: options.role },
    format: options.json
      ? combine(scrub(), timestamp(), json())
      : combine(scrub(), timestamp({ format: 'HH:mm:ss.SSS' }), colorize(), readable),
    transports: [new winston.transports.Console()],
  });
}

/** The logger both entry points build from configuration: JSON in production, readable otherwise. */
export function loggerFor(config: { logLevel: string; env: string; serviceName: string }, role: LoggerOptions['role']) {
  return createLogger({ level: config.logLevel, json: config.env === 'production', service: config.serviceName, role });
}
