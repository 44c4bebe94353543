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
/**
 * @param {string} source JavaScript
 * @returns {string} the same program in ASCII
 */
export const escapeNonAscii = (source) =>
  source.replace(/(\\*)([^\0-\x7f])/g, (_, slashes, c) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
