// `npm run generate` for gateway-api: regenerates the Prisma client in src/generated/prisma.
// Generation itself needs no native engine, but the Prisma CLI insists on finding the schema
// engine first and tries to download it, which fails offline (air-gapped builds, this project's
// CI machines). Only when no engine is installed do we point the CLI at a placeholder file.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const env = { ...process.env };

function engineInstalled() {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) return existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY);
  try {
    const dir = path.dirname(require.resolve('@prisma/engines/package.json'));
    return readdirSync(dir).some((name) => name.startsWith('schema-engine'));
  } catch {
    return false;
  }
}

if (!engineInstalled()) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath; // any existing file will do
const prisma = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
const result = spawnSync(process.execPath, [prisma, 'generate'], { cwd: path.join(here, '..'), env, stdio: 'inherit' });
process.exit(result.status ?? 1);
