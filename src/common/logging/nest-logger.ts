import type { LoggerService } from '@nestjs/common';
import type winston from 'winston';

// Nest reports every module and route it wires up; useful when debugging start-up, noise otherwise.
const BOOT_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Routes Nest's own log calls into winston, keeping Nest's context name as a field. */
export class NestWinstonLogger implements LoggerService {
  constructor(private readonly logger: winston.Logger) {}

  log(message: unknown, context?: string) {
    this.write(context && BOOT_CHATTER.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string) {
    const [stack, ctx] = context === undefined ? [undefined, stackOrContext] : [stackOrContext, context];
    this.write('error', message, ctx, stack);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('debug', message, context);
  }

  private write(level: string, message: unknown, context?: string, stack?: string) {
    if (message instanceof Error) {
      this.logger.log(level, message.message, { context, stack: message.stack });
    } else if (typeof message === 'object' && message !== null) {
      const { message: text, ...fields } = message as Record<string, unknown>;
      this.logger.log(level, typeof text === 'string' ? text : '', { context, ...fields });
    } else {
      this.logger.log(level, String(message), { context, ...(stack ? { stack } : {}) });
    }
  }
}
