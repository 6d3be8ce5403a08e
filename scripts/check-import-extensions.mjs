#!/usr/bin/env node
// The ESM build keeps one file per module (so apps' bundlers can drop what
// they do not use), and Node's ESM loader needs the file extension in every
// relative specifier. This fails when a relative import or export in
// packages/*/src has no `.js` extension.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)(['"])(\.{1,2}\/[^'"]*)\1/gm;
const bad = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) {
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(specifier)) {
        if (!match[2].endsWith('.js') && !match[2].endsWith('.json')) {
          const line = text.slice(0, match.index).split('\n').length;
          bad.push(`${relative(root, path)}:${line}: ${match[2]}`);
        }
      }
    }
  }
}
for (const pkg of readdirSync(join(root, 'packages'))) walk(join(root, 'packages', pkg, 'src'));

if (bad.length > 0) {
  console.error(`${bad.length} relative specifier(s) without a .js extension:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
console.log('every relative specifier in packages/*/src ends in .js');
