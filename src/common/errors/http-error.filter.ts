import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown[];
  requestId: string;
}

/** Every error leaves the API in one JSON shape; unexpected ones are logged and told as a bare 500. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception === request.raw.errored) {
      // The request stream itself broke while its body arrived: Node's parser refused the body (and
      // answered 400 on the socket already) or the client went away. Nobody waits for this answer,
      // and it is no server fault.
      this.logger.log({ message: 'request body not received', requestId: request.id, method: request.method });
      void reply.status(HttpStatus.BAD_REQUEST).send(this.toBody(new BadRequestException(), request.id));
      return;
    }
    const body = this.toBody(exception, request.id);
    const retryAfter = retryAfterOf(exception);
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    if (body.statusCode >= 500) {
      this.logger.error({ message: 'request failed', error: exception, method: request.method, url: request.url });
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (!(exception instanceof HttpException)) {
      const statusCode = HttpStatus.INTERNAL_SERVER_ERROR;
      return { statusCode, error: STATUS_CODES[statusCode]!, message: 'Internal server error', requestId };
    }
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const fields = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const message = Array.isArray(fields.message) ? fields.message.join('; ') : (fields.message ?? response);
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: typeof message === 'string' ? message : exception.message,
      ...(Array.isArray(fields.details) ? { details: fields.details } : {}),
      requestId,
    };
  }
}

/** An exception whose response carries `retryAfter` (seconds) is answered with a Retry-After header. */
function retryAfterOf(exception: unknown): number | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const response = exception.getResponse() as { retryAfter?: unknown };
  return typeof response?.retryAfter === 'number' ? response.retryAfter : undefined;
}
