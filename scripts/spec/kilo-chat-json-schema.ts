/**
 * JSON Schema (draft 2020-12) for every zod schema that `@kilocode/kilo-chat/schemas`
 * exports, one file per schema: `kilo-chat/<exportName>.json`.
 *
 * The documents describe what a sender may put on the wire (zod's `input`
 * view): fields with a default are optional, and checks JSON Schema cannot
 * express (refinements such as the emoji byte limit or "text or attachments")
 * are left out, so the zod schemas stay the authority.
 *
 * zod is a dependency of the package, not of the repository root, so this
 * module uses each schema's own `toJSONSchema` method instead of importing zod.
 */
import * as kiloChatSchemas from '../../packages/kilo-chat/src/schemas';

/** The part of a zod 4 schema this generator needs. */
type JsonSchemaSource = {
  safeParse: (value: unknown) => unknown;
  toJSONSchema: (params: {
    target: 'draft-2020-12';
    unrepresentable: 'any';
    io: 'input';
  }) => Record<string, unknown>;
};

function isZodSchema(value: unknown): value is JsonSchemaSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<JsonSchemaSource>).safeParse === 'function' &&
    typeof (value as Partial<JsonSchemaSource>).toJSONSchema === 'function'
  );
}

/** Returns `{ 'kilo-chat/<name>.json': <JSON Schema> }` for every exported schema, ordered by name. */
export function generate(): Record<string, unknown> {
  const documents: Record<string, unknown> = {};
  const exported: Record<string, unknown> = kiloChatSchemas;
  for (const name of Object.keys(exported).sort()) {
    const value = exported[name];
    if (!isZodSchema(value)) continue;
    const schema = value.toJSONSchema({ target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
    documents[`kilo-chat/${name}.json`] = { ...schema, title: name };
  }
  return documents;
}
