// Regenerates the scenario table of the README from `allScenarios`
// (`pnpm --filter @kilocode/kilo-chat-conformance readme`). The test
// `test/readme-table.test.ts` fails when the committed table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allScenarios, renderScenarioTable, replaceMarkedSection } from '../src/index.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = replaceMarkedSection(before, renderScenarioTable(allScenarios));
if (after !== before) writeFileSync(readme, after);
console.log(after === before ? 'README scenario table is up to date' : 'README scenario table updated');
