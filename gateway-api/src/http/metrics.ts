// Prometheus metrics: request duration by operation, errors by code, the database pool, and live updates.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Pool } from 'mariadb';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const MAX_OPERATION_NAMES = 200;

export function createMetrics(pool: Pool) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation name and type',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors returned, by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('db_pool_connections_in_use', 'Database connections in use', () => pool.activeConnections());
  gauge('db_pool_connections_idle', 'Idle database connections', () => pool.idleConnections());
  gauge('db_pool_requests_waiting', 'Requests waiting for a database connection', () => pool.taskQueueSize());

  // Live updates (graphql/subscriptions.ts): what is open, and how many executions serve how many
  // deliveries (an event's document runs once for every subscriber that sent the same one).
  let live = { connections: () => 0, subscriptions: () => 0 };
  gauge('graphql_live_connections', 'Open WebSocket connections for subscriptions', () => live.connections());
  gauge('graphql_live_subscriptions', 'Subscriptions to board events served by this replica', () =>
    live.subscriptions(),
  );
  const executed = new Counter({
    name: 'graphql_live_executions_total',
    help: 'Executions of a subscription document for an event (one serves every subscriber that sent that document)',
    registers: [registry],
  });
  const delivered = new Counter({
    name: 'graphql_live_deliveries_total',
    help: 'Subscription results sent to clients',
    registers: [registry],
  });

  // Operation names come from clients: past this many distinct ones, new names share one label,
  // so that nobody can grow the registry (and every scrape) without bound.
  const operationNames = new Set<string>();
  const operationLabel = (requestContext: { operation?: unknown; operationName?: string | null }) => {
    // no operation: the request did not parse or validate, so it names nothing that ran
    if (!requestContext.operation) return '(invalid)';
    const name = requestContext.operationName ?? '(anonymous)';
    if (operationNames.has(name)) return name;
    if (operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    operationNames.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const end = duration.startTimer();
      return {
        async willSendResponse(requestContext) {
          const { operation, errors: sent, response } = requestContext;
          end({ operation: operationLabel(requestContext), type: operation?.operation ?? 'unknown' });
          const formatted = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of formatted ?? sent ?? []) {
            errors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
        },
      };
    },
  };
  return {
    registry,
    plugin,
    live: {
      executed: () => executed.inc(),
      delivered: () => delivered.inc(),
      /** where the live gauges read their values */
      watch(source: { connections(): number; subscriptions(): number }) {
        live = source;
      },
    },
  };
}
