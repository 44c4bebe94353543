// `npm run check:workflows`: lints .github/workflows with actionlint (installed by
// scripts/install-system-deps.sh with `go install`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

function findActionlint() {
  const onPath = spawnSync('sh', ['-c', 'command -v actionlint'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).stdout?.trim();
  const candidates = [
    gopath && path.join(gopath, 'bin', 'actionlint'),
    path.join(process.env.HOME ?? '', 'go', 'bin', 'actionlint'),
  ];
  return candidates.find((c) => c && existsSync(c));
}

const actionlint = findActionlint();
if (!actionlint) {
  console.error(
    'check:workflows: actionlint is not installed. Run `sudo scripts/install-system-deps.sh` ' +
      '(or `go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12`).',
  );
  process.exit(1);
}
const result = spawnSync(actionlint, ['-color'], { stdio: 'inherit' });
if (result.status === 0) console.log('check:workflows: .github/workflows pass actionlint');
process.exit(result.status ?? 1);
