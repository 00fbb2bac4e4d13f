// The files a package manifest points at, for prepack.mjs and pack-check.mjs.

/** Every file path a manifest points at (exports conditions, main, module, types, bin). */
export function manifestTargets(manifest) {
  const targets = new Set();
  const walk = (value, condition) => {
    if (typeof value === 'string') {
      // The source condition points at src/, which ships as is.
      if (condition !== '@gradlab/source') targets.add(value);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, key);
    }
  };
  walk(manifest.exports);
  for (const field of ['main', 'module', 'types']) if (typeof manifest[field] === 'string') targets.add(manifest[field]);
  if (typeof manifest.bin === 'string') targets.add(manifest.bin);
  else if (manifest.bin) for (const path of Object.values(manifest.bin)) targets.add(path);
  return [...targets].filter((path) => !path.includes('*'));
}
