import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';

export const ERROR_BODY = 'ErrorBody';

/** The one shape every error leaves the API in (see HttpErrorFilter). */
export const errorBodySchema: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message', 'requestId'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', description: 'The status text', example: 'Bad Request' },
    message: { type: 'string', example: 'Invalid email' },
    details: {
      type: 'array',
      description: 'One entry per offending field, when the request named any',
      items: {
        type: 'object',
        required: ['field', 'problem'],
        properties: {
          field: { type: 'string', example: 'email' },
          problem: { type: 'string', example: 'must be an email address' },
        },
      },
    },
    requestId: {
      type: 'string',
      description: 'Also sent as the X-Request-Id header; quote it when reporting a problem',
    },
  },
};

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The request is invalid; `details` names each offending field',
  401: 'No valid credentials: missing, invalid, expired or revoked',
  403: 'The caller may not do this (role, API key scope, or an API key on a route for signed-in users)',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  410: 'No longer available',
  429: 'Too many requests; retry after the Retry-After header says',
  504: 'Something the request waits for did not answer in time',
};

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 429 | 504;

/** A status, or a status with what it means on this route. */
export type ErrorResponse = ErrorStatus | { status: ErrorStatus; description: string };

/** Documents the error answers a route can give, each with the ErrorBody schema. */
export function ApiErrors(...responses: ErrorResponse[]) {
  return applyDecorators(
    ...responses.map((response) => {
      const { status, description } =
        typeof response === 'number' ? { status: response, description: DESCRIPTIONS[response] } : response;
      return ApiResponse({
        status,
        description,
        schema: { $ref: `#/components/schemas/${ERROR_BODY}` },
        ...(status === 429
          ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
          : {}),
      });
    }),
  );
}
