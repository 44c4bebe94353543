// The one application logger (pino): JSON lines on stdout, everywhere. A person reading them locally
// gets them readable from `npm start` / `npm run dev`, which pass them through pino-pretty.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    name: options.name ?? 'gateway-api',
    level: options.level,
    // Never log credentials, whatever object carries them.
    redact: {
      paths: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  });
}
