/**
 * JSON Schema (draft 2020-12) for every zod schema `@kilocode/notifications`
 * exports, one file per schema under `spec/generated/notifications/`.
 *
 * Schemas are converted in input mode — what a receiver accepts — by each
 * schema's own `toJSONSchema()` (zod's `z.toJSONSchema`, bound to the zod copy
 * the package uses, so this script needs no zod import of its own). Names are
 * sorted, so the output is deterministic.
 */
import * as notifications from '../../packages/notifications/src/index';

interface JsonSchemaConvertible {
  toJSONSchema(params: { target: 'draft-2020-12'; io: 'input' }): Record<string, unknown>;
}

function isConvertible(value: unknown): value is JsonSchemaConvertible {
  return typeof value === 'object' && value !== null && typeof (value as JsonSchemaConvertible).toJSONSchema === 'function';
}

/** Returns `{ 'notifications/<schemaName>.json': <JSON Schema> }` for every exported `…Schema`. */
export function generate(): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  const names = Object.keys(notifications)
    .filter((name) => name.endsWith('Schema'))
    .sort();
  for (const name of names) {
    const schema: unknown = (notifications as Record<string, unknown>)[name];
    if (!isConvertible(schema)) throw new Error(`${name} is not a zod schema`);
    const { $schema, ...body } = schema.toJSONSchema({ target: 'draft-2020-12', io: 'input' });
    files[`notifications/${name}.json`] = { $schema, title: name, ...body };
  }
  return files;
}
