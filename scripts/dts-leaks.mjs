// What must not reach a published package's public .d.ts: declarations tagged `@internal`
// (tsconfig.base.json's `stripInternal` removes them) and members or exports whose name starts
// with `_` (private by convention). Used by pack-check.mjs on the tarballs' public entry points.
//
// TypeScript's own `private x;` / `#private;` lines stay: the compiler writes them (without
// types) so that classes keep their nominal identity, and no user can reach them.

/**
 * Public names that look private but are the API: `_version` is PyTorch's `x._version`
 * (docs/design.md, "Version counters").
 */
export const PUBLIC_UNDERSCORE_NAMES = new Set(['_version']);

/**
 * @internal declarations another package still imports from a public entry point, per package,
 * so that stripping them would break the build. Empty: such names belong in an internal entry
 * point (e.g. `@gradlab/tensor/internal`); keep it that way.
 */
export const KNOWN_INTERNAL_EXPORTS = {};

const DECLARATION_NAME =
  /^\s*(?:export\s+)?(?:declare\s+)?(?:(?:readonly|static|abstract|public|protected|get|set|async|const|let|var|function|class|interface|type|enum|namespace)\s+)*([A-Za-z_$][\w$]*)/;

/** The name declared at the start of `line`, or null. */
function declaredName(line) {
  const match = DECLARATION_NAME.exec(line);
  return match === null ? null : match[1];
}

/**
 * The leaks in the text of a .d.ts: `{ kind: 'internal' | 'underscore', name, line }` for each
 * `@internal` tag (named after the declaration it documents) and each `_`-prefixed declaration.
 */
export function findLeaks(text) {
  const lines = text.split('\n');
  const leaks = [];
  let inComment = false;
  let internalComment = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (inComment || /^\s*\/\*\*?/.test(line)) {
      if (!inComment) internalComment = false;
      inComment = true;
      if (line.includes('@internal')) internalComment = true;
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inComment = false;
      line = line.slice(end + 2);
      if (line.trim() === '' && internalComment) {
        // The tag documents the next declaration.
        const next = lines.slice(i + 1).find((candidate) => candidate.trim() !== '');
        leaks.push({ kind: 'internal', name: (next && declaredName(next)) ?? '?', line: i + 1 });
        internalComment = false;
        continue;
      }
      if (line.trim() === '') continue;
    }
    const name = declaredName(line);
    if (internalComment) {
      leaks.push({ kind: 'internal', name: name ?? '?', line: i + 1 });
      internalComment = false;
    }
    if (name !== null && name.startsWith('_') && !PUBLIC_UNDERSCORE_NAMES.has(name) && /^\s*[\w$\s]*?[\w$]+\s*[?!]?\s*[:(<;=]/.test(line)) {
      leaks.push({ kind: 'underscore', name, line: i + 1 });
    }
  }
  // `export { a, _b, type _C }` lists name what tsup's bundle exports.
  for (const match of text.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of match[1].split(',')) {
      const exported = item.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim() ?? '';
      if (exported.startsWith('_') && !PUBLIC_UNDERSCORE_NAMES.has(exported)) {
        leaks.push({ kind: 'underscore', name: exported, line: text.slice(0, match.index).split('\n').length });
      }
    }
  }
  return leaks;
}
