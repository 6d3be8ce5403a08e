#!/usr/bin/env node
import { ConformanceError } from './conformance-error.js';
import { CONFORMANCE_USAGE, formatReport, formatResult, parseConformanceArgs } from './cli-options.js';
import { runConformance } from './run-conformance.js';

async function main(): Promise<number> {
  let args;
  try {
    args = parseConformanceArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(CONFORMANCE_USAGE);
    return 2;
  }
  if (args.help) {
    console.log(CONFORMANCE_USAGE);
    return 0;
  }
  const report = await runConformance(args.target, {
    filter: args.filter,
    ...(args.json ? {} : { onResult: (r) => console.log(formatResult(r)) }),
  });
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report));
  return report.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConformanceError ? error.message : error);
    process.exit(1);
  },
);
