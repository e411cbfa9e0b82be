import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's logger interface over pino, for Runtime.install({ logger }): workflow and activity log calls
 * arrive with the SDK's attributes (sdkComponent, workflowId, runId, activityType, taskQueue...), which become fields
 * of the JSON line. Symbol keys (the SDK's own timestamp) are dropped by pino; an `error` becomes pino's `err`.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const fields: Record<string, unknown> = { ...meta };
    if (fields.error instanceof Error) {
      fields.err = fields.error;
      delete fields.error;
    }
    this.logger[PINO_LEVEL[level] ?? 'info'](fields, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
