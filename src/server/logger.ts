import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

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

/** The hub's structured logger: JSON lines on stdout unless given another destination. */
export function createHubLogger(options: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const merged = { level: 'info', ...options, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(merged, destination) : pino(merged);
}
