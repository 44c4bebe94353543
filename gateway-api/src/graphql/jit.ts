// Executes operations with graphql-jit: each distinct operation is compiled once into JavaScript
// specialised for its selections, then run for every request that sends it, instead of graphql-js
// walking the document field by field (bench/README.md has the measurements).
//
// Apollo Server 5 has no option for another executor; its gateway interface is the supported seam
// (apollographql/apollo-server#7981 shows the same shape): Apollo still parses and validates the
// document (with the limit rules), runs every plugin hook and formats the errors; only the execution
// of queries changes. Subscriptions do not come through here (graphql-ws, subscriptions.ts).
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, getVariableValues, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** How many compiled operations to keep: far more than the web client and playground examples send. */
export const JIT_CACHE_SIZE = 1000;

/** A small LRU: Map keeps insertion order, so the first key is the least recently used. */
class CompiledCache {
  readonly #entries = new Map<string, CompiledQuery>();

  constructor(readonly max: number) {}

  get(key: string): CompiledQuery | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CompiledQuery): void {
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

/**
 * graphql-jit's errors carry no `extensions` (a read-only property left undefined), which graphql-js's
 * always have (the original error's, or {}) and Apollo's error formatting reads: as they come, every
 * error would become "Internal server error". Each is remade as graphql-js would have made it.
 */
function withExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => error.extensions === undefined)) return result;
  const errors = result.errors.map((error) => {
    if (error.extensions !== undefined) return error;
    const remade = new GraphQLError(error.message, {
      path: error.path,
      // graphql-js takes the original error's extensions, if any
      originalError: error.originalError ?? undefined,
    });
    (remade as { locations?: GraphQLError['locations'] }).locations = error.locations;
    return remade;
  });
  return { ...result, errors };
}

export function jitGateway(schema: GraphQLSchema, cacheSize = JIT_CACHE_SIZE): GatewayInterface {
  const cache = new CompiledCache(cacheSize);
  const listeners = new Set<Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]>();

  const executor: GatewayExecutor = async (request) => {
    // Apollo passes no operation (its type says otherwise) when the document's cannot be chosen:
    // several and none named, or none by the name sent (a playground tab run with another's name).
    // graphql-js answers that with its own error, given the name as sent (`operationName` is the
    // chosen operation's, so null here), as Apollo does without a gateway. Reading
    // operation.operation threw, and the user got an internal server error.
    const { document, operation, operationName, context } = request as Omit<typeof request, 'operation'> & {
      operation: typeof request.operation | undefined;
    };
    if (!operation) {
      return execute({
        schema,
        document,
        operationName: request.request.operationName,
        contextValue: context,
        variableValues: request.request.variables,
      });
    }
    // Mutations stay with graphql-js: it stops a mutation's serial root fields at the first one that
    // fails with a non-null type (the rest never run: auth.test.ts counts on it to allow one password
    // guess per request), where graphql-jit 0.8 runs them all. Their answers are small anyway.
    if (operation.operation !== 'query') {
      return execute({
        schema,
        document,
        operationName,
        contextValue: context,
        variableValues: request.request.variables,
      });
    }
    // graphql-jit 0.8 leaves out the default of a non-null input field (`role: MemberRole! = MEMBER`)
    // and then calls it missing: graphql-js coerces the variables, with its own messages.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.request.variables ?? {}, {
      maxErrors: 50,
    });
    if (variables.errors) return { errors: variables.errors };
    // queryHash is Apollo's SHA-256 of the document's text; one document may hold several operations
    const key = `${request.queryHash}:${operationName ?? ''}`;
    let compiled = cache.get(key);
    if (!compiled) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      // not compiled: the errors graphql-js's execute would have answered with (e.g. no such operation)
      if (!isCompiledQuery(result)) return result;
      compiled = result;
      cache.set(key, compiled);
    }
    return withExtensions(await compiled.query(undefined, context, variables.coerced));
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      // the schema never changes while the process runs: announce it once, before the first request
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {
      listeners.clear();
    },
  };
}
