import type * as z from 'zod';

/**
 * @internal `schema.max(max)` counted in UTF-16 code units, the unit of the
 * contracts' limits (and what `String.length` and the truncation helpers
 * count). zod 4.6 and later measure `.max()` in code points, so strings of
 * astral characters (emoji) would pass at up to twice the limit; this raises
 * zod's own `too_big` issue for them. The built-in maximum stays for the JSON
 * Schema's `maxLength`; `@kilocode/kilo-chat` guards its limits the same way.
 */
export function maxCodeUnits(schema: z.ZodString, max: number): z.ZodString {
  return schema.max(max, { abort: true }).superRefine((value, ctx) => {
    if (value.length > max) ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: value });
  });
}
