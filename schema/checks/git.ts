// Small git helpers for the schema checks.
import { execFileSync } from 'node:child_process';

export function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** The contents of `file` (relative to the repository root) at `ref`, or undefined. */
export function fileAtRef(root: string, ref: string, file: string): string | undefined {
  return git(['show', `${ref}:${file}`], root);
}

/** The messages of the commits in base..HEAD. */
export function commitMessages(root: string, base: string): string[] {
  const out = git(['log', '--format=%B%x00', `${base}..HEAD`], root);
  return out
    ? out
        .split('\0')
        .map((m) => m.trim())
        .filter(Boolean)
    : [];
}

export function refExists(root: string, ref: string): boolean {
  return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root) !== undefined;
}
