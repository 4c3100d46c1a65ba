import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

/**
 * Keys whose values are personal data or secrets. Any log object carrying them, at any depth pino
 * can address, is written with the value replaced (R-1.3.2: victims' data never reaches a log).
 */
export const REDACTED_KEYS = [
  'givenName',
  'familyName',
  'name',
  'fullName',
  'beneficiaryName',
  'dateOfBirth',
  'birthDate',
  'contact',
  'phone',
  'email',
  'address',
  'circumstances',
  'documents',
  'identityDocument',
  'iban',
  'secret',
  'password',
  'authorization',
  'token',
  'person',
  'body',
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

/** Creates the structured JSON logger of a service, with personal-data redaction. */
// @clause personal data is redacted from every log line by key
export function createLogger(service: string, level = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/** Adapts a pino logger to Nest's LoggerService so framework messages are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.write('error', message, context ?? stackOrContext, context ? stackOrContext : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
    stack?: string,
  ) {
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message });
    } else {
      this.logger[level]({ context, stack }, String(message));
    }
  }
}

export type { Logger };
