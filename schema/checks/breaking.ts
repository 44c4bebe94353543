// Compares the contract with a base version: every change with its criticality (graphql-inspector),
// a changelog for reviewers, and whether the breaking ones have been acknowledged.
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export const ACK_TRAILER = 'Schema-Breaking-Change:';

export interface Acknowledgements {
  /** commit messages between the base and HEAD */
  commitMessages: string[];
  /** the lines of schema/allowed-breaking-changes.txt */
  allowlist: string;
}

export interface ClassifiedChange {
  kind: 'added' | 'removed' | 'changed';
  level: 'BREAKING' | 'DANGEROUS' | 'SAFE';
  message: string;
  path: string | undefined;
  reason: string | undefined;
  acknowledged: boolean;
}

export interface BreakingReport {
  changes: ClassifiedChange[];
  /** breaking changes nobody acknowledged: the check fails when there is one */
  unacknowledged: ClassifiedChange[];
}

/** Paths listed in the allowlist (first word of each line; # starts a comment). */
export function parseAllowlist(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim().split(/\s+/)[0])
      .filter((path): path is string => Boolean(path)),
  );
}

function kindOf(change: Change): ClassifiedChange['kind'] {
  if (/_ADDED$/.test(change.type)) return 'added';
  if (/_REMOVED$/.test(change.type)) return 'removed';
  return 'changed';
}

export async function compareSchemas(
  baseSdl: string,
  currentSdl: string,
  acks: Acknowledgements,
): Promise<BreakingReport> {
  const changes = await diff(buildSchema(baseSdl), buildSchema(currentSdl));
  const allowed = parseAllowlist(acks.allowlist);
  const trailer = acks.commitMessages.some((message) =>
    message.split('\n').some((line) => line.startsWith(ACK_TRAILER) && line.slice(ACK_TRAILER.length).trim()),
  );
  const classified = changes.map((change): ClassifiedChange => {
    const level =
      change.criticality.level === CriticalityLevel.Breaking
        ? 'BREAKING'
        : change.criticality.level === CriticalityLevel.Dangerous
          ? 'DANGEROUS'
          : 'SAFE';
    return {
      kind: kindOf(change),
      level,
      message: change.message,
      path: change.path,
      reason: change.criticality.reason,
      acknowledged: level === 'BREAKING' && (trailer || (change.path !== undefined && allowed.has(change.path))),
    };
  });
  return { changes: classified, unacknowledged: classified.filter((c) => c.level === 'BREAKING' && !c.acknowledged) };
}

/** The human-readable changelog: added / changed / removed, each line with its criticality. */
export function formatChangelog(report: BreakingReport, base: string): string {
  if (!report.changes.length) return `No changes to the contract against ${base}.`;
  const lines = [`Contract changes against ${base} (${report.changes.length}):`];
  for (const kind of ['added', 'changed', 'removed'] as const) {
    const group = report.changes.filter((c) => c.kind === kind);
    if (!group.length) continue;
    lines.push(`  ${kind[0]!.toUpperCase()}${kind.slice(1)}:`);
    for (const c of group) {
      const mark = c.level === 'BREAKING' ? (c.acknowledged ? 'BREAKING (acknowledged)' : 'BREAKING') : c.level;
      lines.push(`    [${mark}] ${c.message}${c.level === 'DANGEROUS' && c.reason ? ` (${c.reason})` : ''}`);
    }
  }
  return lines.join('\n');
}
