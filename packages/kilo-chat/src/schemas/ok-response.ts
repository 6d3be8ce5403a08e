import * as z from 'zod';

/** The plain success body `{ ok: true }`. */
export const okResponseSchema = z.object({
  ok: z.literal(true),
});

/** `{ ok: true }`; see {@link okResponseSchema}. */
export type OkResponse = z.infer<typeof okResponseSchema>;
