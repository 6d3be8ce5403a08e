import type { Scenario } from './scenario.js';

/** One column of the README scenario table. */
export interface ScenarioTableColumn {
  /** Header text. */
  readonly header: string;
  /** The cell of one scenario (markdown; `|` is escaped for you). */
  cell(scenario: Scenario): string;
}

/** The marker pair the table sits between in the README. */
export const SCENARIO_TABLE_MARKERS = { start: '<!-- scenarios:start -->', end: '<!-- scenarios:end -->' } as const;

const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const REQUIREMENT_LABELS: Record<string, string> = {
  secondUser: 'second user',
  botToken: 'bot token',
  badges: 'badge URL',
  webhookReceiver: 'webhook receiver',
};

/** The default columns: id, title, what the scenario needs, and the reference sections it checks. */
export const defaultScenarioColumns: readonly ScenarioTableColumn[] = [
  { header: 'id', cell: (s) => `\`${s.id}\`` },
  { header: 'checks that', cell: (s) => s.title },
  { header: 'needs', cell: (s) => (s.requires ?? []).map((r) => REQUIREMENT_LABELS[r] ?? r).join(', ') },
  { header: 'reference', cell: (s) => s.reference ?? '' },
];

/**
 * Renders the scenarios as a markdown table, one row per scenario in run
 * order. Pass `columns` to add some (e.g. which deliberately wrong server
 * each scenario catches): `[...defaultScenarioColumns, extra]`.
 */
export function renderScenarioTable(scenarios: readonly Scenario[], columns: readonly ScenarioTableColumn[] = defaultScenarioColumns): string {
  const row = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
  return [
    row(columns.map((c) => c.header)),
    `|${columns.map(() => '---').join('|')}|`,
    ...scenarios.map((s) => row(columns.map((c) => c.cell(s)))),
  ].join('\n');
}

/**
 * Returns `text` with what lies between the `start` and `end` markers
 * replaced by `content` (the markers stay). Throws a `RangeError` when a
 * marker is missing or they are out of order.
 */
export function replaceMarkedSection(text: string, content: string, markers: { start: string; end: string } = SCENARIO_TABLE_MARKERS): string {
  const from = text.indexOf(markers.start);
  const to = text.indexOf(markers.end);
  if (from < 0 || to < from) throw new RangeError(`markers ${markers.start} … ${markers.end} not found in order`);
  return `${text.slice(0, from + markers.start.length)}\n${content}\n${text.slice(to)}`;
}
