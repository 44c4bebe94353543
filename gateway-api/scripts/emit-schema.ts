// Writes the SDL contract, schema/schema.graphql, from the resolvers' code (sorted, so the same
// code always gives the same bytes). Part of `npm run generate`; `npm test` fails when it is stale.
//   --stdout   print it instead (the schema checks compare it with the committed file)
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getSchema, printSdl } from '../src/graphql/schema.js';

const target = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
const header =
  '# THE CONTRACT between gateway-api and web-client. Generated from gateway-api by\n# `npm run generate`: do not edit by hand.\n\n';
const sdl = header + printSdl(await getSchema());
if (process.argv.includes('--stdout')) {
  process.stdout.write(sdl);
} else {
  await writeFile(target, sdl);
  console.log(`wrote ${target}`);
}
