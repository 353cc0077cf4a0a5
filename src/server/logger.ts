import { pino, type Logger, type LoggerOptions } from 'pino';

/** Never in a log line: bearer tokens, cookies, passwords, even when a body or header is logged. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'password',
  '*.password',
  'token',
  '*.token',
];

/** The hub's structured logger (JSON lines on stdout). */
export function createHubLogger(options: LoggerOptions = {}): Logger {
  return pino({ level: 'info', ...options, redact: { paths: REDACT, censor: '[redacted]' } });
}
