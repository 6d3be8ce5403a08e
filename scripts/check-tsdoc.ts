/**
 * Fails when a public export of a published package has no TSDoc comment.
 * Reads each package's entry files (the `exports` map of its package.json,
 * mapped back to `src/`) with the TypeScript compiler API.
 *
 * Usage: tsx scripts/check-tsdoc.ts [package-folder …]
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const folders = readdirSync(join(root, 'packages')).filter((f) => only.length === 0 || only.includes(f));

const configPath = join(root, 'tsconfig.json');
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);

const entries: string[] = [];
for (const folder of folders) {
  const tsup = join(root, 'packages', folder, 'tsup.config.ts');
  if (!existsSync(tsup)) continue;
  // Entry files are the string values of the object passed to definePackageConfig.
  const text = readFileSync(tsup, 'utf8');
  for (const match of text.matchAll(/["'](src\/[^"']+\.ts)["']/g)) {
    if (!match[1]!.endsWith('cli.ts')) entries.push(join(root, 'packages', folder, match[1]!));
  }
}

const program = ts.createProgram(entries, config.options);
const checker = program.getTypeChecker();
const missing: string[] = [];

function hasDoc(symbol: ts.Symbol): boolean {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  if (target.getDocumentationComment(checker).length > 0) return true;
  return (target.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
}

for (const entry of entries) {
  const source = program.getSourceFile(entry);
  if (!source) continue;
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    if (!hasDoc(exported)) missing.push(`${entry.slice(root.length + 1)}: ${exported.getName()}`);
  }
}

if (missing.length > 0) {
  console.error(`${missing.length} public export(s) without TSDoc:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`TSDoc present on every public export of ${entries.length} entry file(s)`);
