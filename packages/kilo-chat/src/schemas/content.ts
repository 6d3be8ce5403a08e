import * as z from 'zod';
import {
  ACTION_LABEL_MAX_CHARS,
  MAX_ACTIONS_PER_GROUP,
  actionGroupIdSchema,
  execApprovalDecisionSchema,
  maxCodeUnits,
  messageTextSchema,
  nonEmptyStringSchema,
  nonNegativeIntegerSchema,
} from './primitives.js';
import { attachmentMetadataSchema } from './attachments.js';

/** How a client should draw an action button. */
export const actionStyleSchema = z.enum(['primary', 'danger', 'secondary']);

/** One button of an `actions` block: a label (1–200 characters), a style and the decision it sends. */
export const actionItemSchema = z.object({
  label: maxCodeUnits(z.string().min(1), ACTION_LABEL_MAX_CHARS),
  style: actionStyleSchema,
  value: execApprovalDecisionSchema,
});

/**
 * How an `actions` block was answered. Only the server writes it (through
 * execute-action): `resolvedBy` is the caller's member id and `resolvedAt` the
 * server time in Unix milliseconds.
 */
export const actionResolutionSchema = z.object({
  value: execApprovalDecisionSchema,
  resolvedBy: nonEmptyStringSchema,
  resolvedAt: nonNegativeIntegerSchema,
});

/**
 * A text block. `text` follows {@link messageTextSchema}: at most 8000
 * characters before trimming, stored and parsed trimmed, never blank.
 */
export const textBlockSchema = z.object({
  type: z.literal('text'),
  text: messageTextSchema,
});

/**
 * An `actions` block as clients send it in create and edit bodies: 1–10
 * buttons, and **no** `resolved` field (sending one is a 400; only the server
 * resolves a group).
 */
export const inputActionsBlockSchema = z.object({
  type: z.literal('actions'),
  groupId: actionGroupIdSchema,
  actions: z.array(actionItemSchema).min(1).max(MAX_ACTIONS_PER_GROUP),
  resolved: z.never().optional(),
});

/**
 * An `actions` block as stored and returned: up to 10 buttons plus an optional
 * `resolved`. It must offer at least one button unless it is resolved.
 */
export const actionsBlockSchema = z
  .object({
    type: z.literal('actions'),
    groupId: actionGroupIdSchema,
    actions: z.array(actionItemSchema).max(MAX_ACTIONS_PER_GROUP),
    resolved: actionResolutionSchema.optional(),
  })
  .refine((block) => block.actions.length > 0 || block.resolved !== undefined, {
    message: 'an unresolved actions block needs at least one action',
    path: ['actions'],
  });

/**
 * An attachment block: `type: 'attachment'` plus the attachment metadata
 * (ULID id, MIME type of 1–255 characters, size in bytes ≥ 0, filename of 1–512
 * characters). On create and edit the server replaces the metadata with what
 * it stored at init; the client's values are ignored.
 */
export const attachmentBlockSchema = z.object({
  type: z.literal('attachment'),
  ...attachmentMetadataSchema.shape,
});

/** Any stored or returned content block, discriminated on `type`. */
export const contentBlockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  actionsBlockSchema,
  attachmentBlockSchema,
]);

/** Any content block a client may send in a create or edit body, discriminated on `type`. */
export const inputContentBlockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  inputActionsBlockSchema,
  attachmentBlockSchema,
]);

/** `'primary' | 'danger' | 'secondary'`; see {@link actionStyleSchema}. */
export type ActionStyle = z.infer<typeof actionStyleSchema>;
/** One action button; see {@link actionItemSchema}. */
export type ActionItem = z.infer<typeof actionItemSchema>;
/** The answer recorded on an actions block; see {@link actionResolutionSchema}. */
export type ActionResolution = z.infer<typeof actionResolutionSchema>;
/** A text block; see {@link textBlockSchema}. */
export type TextBlock = z.infer<typeof textBlockSchema>;
/** An actions block as sent by clients; see {@link inputActionsBlockSchema}. */
export type InputActionsBlock = z.infer<typeof inputActionsBlockSchema>;
/** An actions block as stored; see {@link actionsBlockSchema}. */
export type ActionsBlock = z.infer<typeof actionsBlockSchema>;
/** An attachment block; see {@link attachmentBlockSchema}. */
export type AttachmentBlock = z.infer<typeof attachmentBlockSchema>;
/** A stored or returned content block; see {@link contentBlockSchema}. */
export type ContentBlock = z.infer<typeof contentBlockSchema>;
/** A content block in a create or edit body; see {@link inputContentBlockSchema}. */
export type InputContentBlock = z.infer<typeof inputContentBlockSchema>;
