import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import winston from 'winston';
import { createApiApp } from '../../src/api-app.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { loadConfig } from '../../src/config/config.js';

export interface TestApi {
  /** Base URL including /api/v1. */
  url: string;
  app: NestFastifyApplication;
  /** Every log line the API wrote, as JSON text. */
  logs: string[];
  /**
   * Each request comes from a random client address unless `ip` is given, so IP-keyed rate limits
   * only meet in the tests that mean them to.
   */
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; ip?: string },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** The real API, built as main.ts builds it, listening on a free port, with its log lines captured. */
export async function startApi(env: Record<string, string>): Promise<TestApi> {
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', json: true, service: 'novapulse', role: 'api' });
  logger.clear().add(
    new winston.transports.Stream({
      stream: new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      }),
    }),
  );
  const { app } = await createApiApp(loadConfig(env), logger);
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/api/v1`.replace('[::1]', '127.0.0.1');
  return {
    url,
    app,
    logs,
    request: requester(url),
    close: () => app.close(),
  };
}

/** Requests to an API at `url` (in this process or another), each from a random client address unless `ip` is given. */
export function requester(url: string): TestApi['request'] {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? randomClientIp(), ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body, text };
  };
}

function randomClientIp(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}
