// The web server's logger (pino): one JSON object per line on stdout, each request's lines carrying
// its id (`reqId`), the same id the API logs, so one request can be followed across both services.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      name: 'web-client',
      level: options.level,
      // Session cookies pass through this server; they must never reach the logs.
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
