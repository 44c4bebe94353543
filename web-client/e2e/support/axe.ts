// Accessibility check with axe-core in the real page: fails on serious or critical violations
// and prints each with the elements it found.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * A violation we know about and cannot fix in our code, matched by rule and by every offending
 * element. Each needs a reason; keep the list short and the matches narrow.
 */
export interface KnownViolation {
  rule: string;
  /** every element axe reports for the rule must contain one of these in its opening tag's HTML */
  elements: string[];
  reason: string;
}

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let axeSource: Promise<string> | undefined;

export async function checkA11y(
  page: Page,
  what: string,
  options: { known?: KnownViolation[]; include?: string } = {},
): Promise<void> {
  // Not page.addScriptTag(): the app's CSP (script-src 'self') blocks the inline <script> it adds.
  // A DevTools evaluation is not subject to the page's CSP.
  axeSource ??= readFile(AXE_PATH, 'utf8');
  await page.evaluate(await axeSource);
  const violations = (await page.evaluate(async (include) => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(include ? { include: [include] } : document, {
      resultTypes: ['violations'],
    });
    return result.violations;
  }, options.include ?? null)) as AxeViolation[];

  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const unexplained = serious.filter((v) => {
    const known = options.known?.find((k) => k.rule === v.id);
    return !known || !v.nodes.every((n) => known.elements.some((e) => n.html.includes(e)));
  });
  for (const v of serious.filter((x) => !unexplained.includes(x))) {
    const reason = options.known?.find((k) => k.rule === v.id)?.reason;
    console.warn(`axe: known ${v.id} (${v.nodes.length} element(s)) on ${what}, accepted: ${reason}`);
  }
  if (unexplained.length) {
    const report = unexplained
      .map(
        (v) =>
          `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
          v.nodes
            .slice(0, 10)
            .map(
              (n) =>
                `    ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
            )
            .join('\n'),
      )
      .join('\n');
    console.error(`axe: ${unexplained.length} serious/critical violation(s) on ${what}:\n${report}`);
    throw new Error(
      `axe found ${unexplained.length} serious/critical accessibility violation(s) on ${what}:\n${report}`,
    );
  }
}
