// Makes dist/ the package as an image installs it: in the repository, the package's entry point is
// its TypeScript source (tsx, vitest and Node 24 run it as is); under an image's node_modules, Node
// runs no TypeScript, so the Dockerfiles copy dist/ to node_modules/@taskboard/server-kit instead.
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const installed = {
  name: manifest.name,
  version: manifest.version,
  private: true,
  type: 'module',
  exports: { '.': './index.js' },
  peerDependencies: manifest.peerDependencies,
};
writeFileSync(new URL('../dist/package.json', import.meta.url), `${JSON.stringify(installed, null, 2)}\n`);
