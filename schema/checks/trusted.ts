// The trusted documents (schema/trusted-documents.json): what gateway-api runs for the web client by
// hash alone. Every document the web client is built with must be in it, each under its own SHA-256,
// and every one must still run against the contract: an entry kept for pages of an earlier release
// that the contract can no longer run has to go, by hand, once that release is no longer served.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

export const TRUSTED_FILE = 'schema/trusted-documents.json';
/** graphql-codegen's persisted documents of the web client as built now */
export const BUILT_FILE = 'web-client/src/gql/persisted-documents.json';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function readManifest(file: string): Promise<Record<string, string> | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, string>);
}

const operationName = (text: string) => /\b(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1] ?? 'anonymous';

export async function checkTrustedDocuments(
  sdl: string,
  root: string,
): Promise<{ skipped?: string; problems: string[]; count: number }> {
  const built = await readManifest(path.join(root, BUILT_FILE));
  if (!built) return { skipped: `no ${BUILT_FILE}: the web client sends no hashes`, problems: [], count: 0 };
  const trusted = (await readManifest(path.join(root, TRUSTED_FILE))) ?? {};
  const problems: string[] = [];

  const missing = Object.keys(built).filter((hash) => trusted[hash] !== built[hash]);
  if (missing.length) {
    problems.push(
      `${missing.length} document(s) of the web client are not in ${TRUSTED_FILE}, so the API would refuse them ` +
        `(${missing.map((hash) => operationName(built[hash]!)).join(', ')}).\n  Run \`npm run generate\` and commit the result.`,
    );
  }
  const schema = buildSchema(sdl);
  for (const [key, text] of Object.entries(trusted)) {
    const where = `${TRUSTED_FILE}: ${operationName(text)} (${key.slice(0, 19)}…)`;
    if (key !== `sha256:${sha256(text)}`) {
      problems.push(`${where} is not under its own SHA-256. Run \`npm run generate\` after deleting the entry.`);
      continue;
    }
    let errors: readonly { message: string }[];
    try {
      errors = validate(schema, parse(text));
    } catch (error) {
      errors = [error as Error];
    }
    if (errors.length) {
      problems.push(
        `${where} no longer runs against schema.graphql: ${errors[0]!.message}\n` +
          '  Pages of the release that sent it would fail. If that is the change you mean (README, "Trusted ' +
          'documents"), delete the entry; otherwise keep what the document needs in the schema.',
      );
    }
  }
  return { problems, count: Object.keys(trusted).length };
}
