// The production bundles in ASCII only (scripts/build.mjs).
//
// ASCII only, so that V8 keeps each bundle's source as one byte per character: a single other
// character makes the whole 7 MB source a two-byte string, 7 MB more of every replica's memory
// (measured: V8's external script source 17.3 -> 10.2 MB). esbuild's `charset: 'ascii'` (its default)
// escapes strings, templates and identifiers but writes regular expression literals and kept
// comments as they are (evanw/esbuild#4205): here, the locale patterns of class-validator's
// validator.js. Each UTF-16 code unit outside ASCII becomes \uXXXX, which means the same character in
// a regular expression literal (a pair of them is one astral character with the u or v flag), a
// string or a comment; one that was escaped (`\é`, an odd run of backslashes) loses that backslash.
//
// The dependencies' files are escaped as esbuild loads them (`asciiDependencies`), not the bundle once
// written: the source map then maps the bundle as it is. Escaping the bundle afterwards would move every
// later column of the line (lines are long once whitespace is minified) away from what the map says.
import { readFile } from 'node:fs/promises';

const NON_ASCII = /[^\0-\x7f]/;

/**
 * @param {string} source JavaScript
 * @returns {string} the same program in ASCII
 */
export const escapeNonAscii = (source) =>
  source.replace(/(\\*)([^\0-\x7f])/g, (_, slashes, c) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });

/**
 * An esbuild plugin: every JavaScript file of a dependency that holds a character outside ASCII is
 * loaded escaped (escapeNonAscii). The bundle's own sources come from tsc, whose strings esbuild
 * escapes itself; build.mjs checks that nothing outside ASCII is left.
 * @type {import('esbuild').Plugin}
 */
export const asciiDependencies = {
  name: 'ascii-dependencies',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!NON_ASCII.test(source)) return undefined;
      return { contents: escapeNonAscii(source), loader: 'js' };
    });
  },
};

/**
 * Where a bundle holds a character outside ASCII, if it does.
 * @param {string} source JavaScript
 * @returns {string | undefined} `line:column: text around it`
 */
export function firstNonAscii(source) {
  const match = NON_ASCII.exec(source);
  if (!match) return undefined;
  const before = source.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  return `${line}:${column}: ${JSON.stringify(source.slice(Math.max(0, match.index - 40), match.index + 40))}`;
}
