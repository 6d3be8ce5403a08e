/*
 * Runtime checks for every contract: `validate…` returns a typed result and
 * never throws; `assert…` returns the parsed value or throws the
 * `NotificationsError` (`invalid_input`, with issue paths). Call them at both
 * ends of an RPC: producers before sending, services on receipt.
 */
import { unwrapValidation, validateWith, type ContractValidation } from '../validation.js';
import {
  sendPushForConversationInputSchema,
  sendPushForConversationOutputSchema,
  type SendPushForConversationInput,
  type SendPushForConversationOutput,
} from './send-push-for-conversation.js';
import {
  clearBadgeBucketForUserInputSchema,
  clearBadgeBucketForUserOutputSchema,
  listBadgesResponseSchema,
  markBadgeReadInputSchema,
  markBadgeReadResponseSchema,
  type ClearBadgeBucketForUserInput,
  type ClearBadgeBucketForUserOutput,
  type ListBadgesResponse,
  type MarkBadgeReadInput,
  type MarkBadgeReadResponse,
} from './badges.js';
import {
  sendInstanceLifecycleNotificationInputSchema,
  sendInstanceLifecycleNotificationOutputSchema,
  sendScheduledActionNoticeInputSchema,
  sendScheduledActionNoticeOutputSchema,
  type SendInstanceLifecycleNotificationParams,
  type SendInstanceLifecycleNotificationResult,
  type SendScheduledActionNoticeParams,
  type SendScheduledActionNoticeResult,
} from './instance-notices.js';
import {
  refreshGlanceableSessionsInputSchema,
  sendAgentSessionNotificationInputSchema,
  sendAgentSessionNotificationOutputSchema,
  sendCloudAgentSessionNotificationInputSchema,
  sendCloudAgentSessionNotificationOutputSchema,
  sendSessionAttentionNotificationInputSchema,
  sendSessionAttentionNotificationOutputSchema,
  sendSessionReadyNotificationInputSchema,
  sendSessionReadyNotificationOutputSchema,
  type RefreshGlanceableSessionsInput,
  type SendAgentSessionNotificationParams,
  type SendAgentSessionNotificationResult,
  type SendCloudAgentSessionNotificationParams,
  type SendCloudAgentSessionNotificationResult,
  type SendSessionAttentionNotificationParams,
  type SendSessionAttentionNotificationResult,
  type SendSessionReadyNotificationParams,
  type SendSessionReadyNotificationResult,
} from './agent-sessions.js';
import {
  dispatchPushInputSchema,
  dispatchPushOutcomeSchema,
  type DispatchPushInput,
  type DispatchPushOutcome,
} from './dispatch-push.js';
import {
  internalDispatchRequestSchema,
  internalDispatchResponseSchema,
  type InternalDispatchRequest,
  type InternalDispatchResponse,
} from './internal-dispatch.js';

/** Checks the input of RPC `sendPushForConversation` (producer before calling, service on receipt). Never throws. */
export function validateSendPushForConversationInput(input: unknown): ContractValidation<SendPushForConversationInput> {
  return validateWith(sendPushForConversationInputSchema, input, 'sendPushForConversation input');
}

/**
 * Returns the input of RPC `sendPushForConversation` (producer before calling, service on receipt), parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendPushForConversationInput(input: unknown): SendPushForConversationInput {
  return unwrapValidation(validateSendPushForConversationInput(input));
}

/** Checks the result of RPC `sendPushForConversation`. Never throws. */
export function validateSendPushForConversationOutput(input: unknown): ContractValidation<SendPushForConversationOutput> {
  return validateWith(sendPushForConversationOutputSchema, input, 'sendPushForConversation output');
}

/**
 * Returns the result of RPC `sendPushForConversation`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendPushForConversationOutput(input: unknown): SendPushForConversationOutput {
  return unwrapValidation(validateSendPushForConversationOutput(input));
}

/** Checks a `GET /v1/badges` response body. Never throws. */
export function validateListBadgesResponse(input: unknown): ContractValidation<ListBadgesResponse> {
  return validateWith(listBadgesResponseSchema, input, 'GET /v1/badges response');
}

/**
 * Returns a `GET /v1/badges` response body, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertListBadgesResponse(input: unknown): ListBadgesResponse {
  return unwrapValidation(validateListBadgesResponse(input));
}

/** Checks a `POST /v1/badges/mark-read` request body. Never throws. */
export function validateMarkBadgeReadInput(input: unknown): ContractValidation<MarkBadgeReadInput> {
  return validateWith(markBadgeReadInputSchema, input, 'POST /v1/badges/mark-read body');
}

/**
 * Returns a `POST /v1/badges/mark-read` request body, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertMarkBadgeReadInput(input: unknown): MarkBadgeReadInput {
  return unwrapValidation(validateMarkBadgeReadInput(input));
}

/** Checks a `POST /v1/badges/mark-read` response body. Never throws. */
export function validateMarkBadgeReadResponse(input: unknown): ContractValidation<MarkBadgeReadResponse> {
  return validateWith(markBadgeReadResponseSchema, input, 'POST /v1/badges/mark-read response');
}

/**
 * Returns a `POST /v1/badges/mark-read` response body, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertMarkBadgeReadResponse(input: unknown): MarkBadgeReadResponse {
  return unwrapValidation(validateMarkBadgeReadResponse(input));
}

/** Checks the input of RPC `clearBadgeBucketForUser`. Never throws. */
export function validateClearBadgeBucketForUserInput(input: unknown): ContractValidation<ClearBadgeBucketForUserInput> {
  return validateWith(clearBadgeBucketForUserInputSchema, input, 'clearBadgeBucketForUser input');
}

/**
 * Returns the input of RPC `clearBadgeBucketForUser`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertClearBadgeBucketForUserInput(input: unknown): ClearBadgeBucketForUserInput {
  return unwrapValidation(validateClearBadgeBucketForUserInput(input));
}

/** Checks the result of RPC `clearBadgeBucketForUser`. Never throws. */
export function validateClearBadgeBucketForUserOutput(input: unknown): ContractValidation<ClearBadgeBucketForUserOutput> {
  return validateWith(clearBadgeBucketForUserOutputSchema, input, 'clearBadgeBucketForUser output');
}

/**
 * Returns the result of RPC `clearBadgeBucketForUser`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertClearBadgeBucketForUserOutput(input: unknown): ClearBadgeBucketForUserOutput {
  return unwrapValidation(validateClearBadgeBucketForUserOutput(input));
}

/** Checks the input of RPC `sendInstanceLifecycleNotification`. Never throws. */
export function validateSendInstanceLifecycleNotificationInput(input: unknown): ContractValidation<SendInstanceLifecycleNotificationParams> {
  return validateWith(sendInstanceLifecycleNotificationInputSchema, input, 'sendInstanceLifecycleNotification input');
}

/**
 * Returns the input of RPC `sendInstanceLifecycleNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendInstanceLifecycleNotificationInput(input: unknown): SendInstanceLifecycleNotificationParams {
  return unwrapValidation(validateSendInstanceLifecycleNotificationInput(input));
}

/** Checks the result of RPC `sendInstanceLifecycleNotification` (including `ticketErrors`). Never throws. */
export function validateSendInstanceLifecycleNotificationOutput(input: unknown): ContractValidation<SendInstanceLifecycleNotificationResult> {
  return validateWith(sendInstanceLifecycleNotificationOutputSchema, input, 'sendInstanceLifecycleNotification output');
}

/**
 * Returns the result of RPC `sendInstanceLifecycleNotification` (including `ticketErrors`), parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendInstanceLifecycleNotificationOutput(input: unknown): SendInstanceLifecycleNotificationResult {
  return unwrapValidation(validateSendInstanceLifecycleNotificationOutput(input));
}

/** Checks the input of RPC `sendScheduledActionNotice`. Never throws. */
export function validateSendScheduledActionNoticeInput(input: unknown): ContractValidation<SendScheduledActionNoticeParams> {
  return validateWith(sendScheduledActionNoticeInputSchema, input, 'sendScheduledActionNotice input');
}

/**
 * Returns the input of RPC `sendScheduledActionNotice`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendScheduledActionNoticeInput(input: unknown): SendScheduledActionNoticeParams {
  return unwrapValidation(validateSendScheduledActionNoticeInput(input));
}

/** Checks the result of RPC `sendScheduledActionNotice`. Never throws. */
export function validateSendScheduledActionNoticeOutput(input: unknown): ContractValidation<SendScheduledActionNoticeResult> {
  return validateWith(sendScheduledActionNoticeOutputSchema, input, 'sendScheduledActionNotice output');
}

/**
 * Returns the result of RPC `sendScheduledActionNotice`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendScheduledActionNoticeOutput(input: unknown): SendScheduledActionNoticeResult {
  return unwrapValidation(validateSendScheduledActionNoticeOutput(input));
}

/** Checks the input of RPC `sendCloudAgentSessionNotification`. Never throws. */
export function validateSendCloudAgentSessionNotificationInput(input: unknown): ContractValidation<SendCloudAgentSessionNotificationParams> {
  return validateWith(sendCloudAgentSessionNotificationInputSchema, input, 'sendCloudAgentSessionNotification input');
}

/**
 * Returns the input of RPC `sendCloudAgentSessionNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendCloudAgentSessionNotificationInput(input: unknown): SendCloudAgentSessionNotificationParams {
  return unwrapValidation(validateSendCloudAgentSessionNotificationInput(input));
}

/** Checks the result of RPC `sendCloudAgentSessionNotification`. Never throws. */
export function validateSendCloudAgentSessionNotificationOutput(input: unknown): ContractValidation<SendCloudAgentSessionNotificationResult> {
  return validateWith(sendCloudAgentSessionNotificationOutputSchema, input, 'sendCloudAgentSessionNotification output');
}

/**
 * Returns the result of RPC `sendCloudAgentSessionNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendCloudAgentSessionNotificationOutput(input: unknown): SendCloudAgentSessionNotificationResult {
  return unwrapValidation(validateSendCloudAgentSessionNotificationOutput(input));
}

/** Checks the input of RPC `sendSessionReadyNotification`. Never throws. */
export function validateSendSessionReadyNotificationInput(input: unknown): ContractValidation<SendSessionReadyNotificationParams> {
  return validateWith(sendSessionReadyNotificationInputSchema, input, 'sendSessionReadyNotification input');
}

/**
 * Returns the input of RPC `sendSessionReadyNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendSessionReadyNotificationInput(input: unknown): SendSessionReadyNotificationParams {
  return unwrapValidation(validateSendSessionReadyNotificationInput(input));
}

/** Checks the result of RPC `sendSessionReadyNotification`. Never throws. */
export function validateSendSessionReadyNotificationOutput(input: unknown): ContractValidation<SendSessionReadyNotificationResult> {
  return validateWith(sendSessionReadyNotificationOutputSchema, input, 'sendSessionReadyNotification output');
}

/**
 * Returns the result of RPC `sendSessionReadyNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendSessionReadyNotificationOutput(input: unknown): SendSessionReadyNotificationResult {
  return unwrapValidation(validateSendSessionReadyNotificationOutput(input));
}

/** Checks the input of RPC `sendAgentSessionNotification`. Never throws. */
export function validateSendAgentSessionNotificationInput(input: unknown): ContractValidation<SendAgentSessionNotificationParams> {
  return validateWith(sendAgentSessionNotificationInputSchema, input, 'sendAgentSessionNotification input');
}

/**
 * Returns the input of RPC `sendAgentSessionNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendAgentSessionNotificationInput(input: unknown): SendAgentSessionNotificationParams {
  return unwrapValidation(validateSendAgentSessionNotificationInput(input));
}

/** Checks the result of RPC `sendAgentSessionNotification`. Never throws. */
export function validateSendAgentSessionNotificationOutput(input: unknown): ContractValidation<SendAgentSessionNotificationResult> {
  return validateWith(sendAgentSessionNotificationOutputSchema, input, 'sendAgentSessionNotification output');
}

/**
 * Returns the result of RPC `sendAgentSessionNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendAgentSessionNotificationOutput(input: unknown): SendAgentSessionNotificationResult {
  return unwrapValidation(validateSendAgentSessionNotificationOutput(input));
}

/** Checks the input of RPC `sendSessionAttentionNotification`. Never throws. */
export function validateSendSessionAttentionNotificationInput(input: unknown): ContractValidation<SendSessionAttentionNotificationParams> {
  return validateWith(sendSessionAttentionNotificationInputSchema, input, 'sendSessionAttentionNotification input');
}

/**
 * Returns the input of RPC `sendSessionAttentionNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendSessionAttentionNotificationInput(input: unknown): SendSessionAttentionNotificationParams {
  return unwrapValidation(validateSendSessionAttentionNotificationInput(input));
}

/** Checks the result of RPC `sendSessionAttentionNotification`. Never throws. */
export function validateSendSessionAttentionNotificationOutput(input: unknown): ContractValidation<SendSessionAttentionNotificationResult> {
  return validateWith(sendSessionAttentionNotificationOutputSchema, input, 'sendSessionAttentionNotification output');
}

/**
 * Returns the result of RPC `sendSessionAttentionNotification`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertSendSessionAttentionNotificationOutput(input: unknown): SendSessionAttentionNotificationResult {
  return unwrapValidation(validateSendSessionAttentionNotificationOutput(input));
}

/** Checks the input of RPC `refreshGlanceableSessions` (unknown keys are stripped from the parsed value). Never throws. */
export function validateRefreshGlanceableSessionsInput(input: unknown): ContractValidation<RefreshGlanceableSessionsInput> {
  return validateWith(refreshGlanceableSessionsInputSchema, input, 'refreshGlanceableSessions input');
}

/**
 * Returns the input of RPC `refreshGlanceableSessions` (unknown keys are stripped from the parsed value), parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertRefreshGlanceableSessionsInput(input: unknown): RefreshGlanceableSessionsInput {
  return unwrapValidation(validateRefreshGlanceableSessionsInput(input));
}

/** Checks the input of the per-user `dispatchPush` call. Never throws. */
export function validateDispatchPushInput(input: unknown): ContractValidation<DispatchPushInput> {
  return validateWith(dispatchPushInputSchema, input, 'dispatchPush input');
}

/**
 * Returns the input of the per-user `dispatchPush` call, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertDispatchPushInput(input: unknown): DispatchPushInput {
  return unwrapValidation(validateDispatchPushInput(input));
}

/** Checks the outcome of `dispatchPush`. Never throws. */
export function validateDispatchPushOutcome(input: unknown): ContractValidation<DispatchPushOutcome> {
  return validateWith(dispatchPushOutcomeSchema, input, 'dispatchPush outcome');
}

/**
 * Returns the outcome of `dispatchPush`, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertDispatchPushOutcome(input: unknown): DispatchPushOutcome {
  return unwrapValidation(validateDispatchPushOutcome(input));
}

/** Checks a `POST /internal/v1/dispatch` request body (any `kind`). Never throws. */
export function validateInternalDispatchRequest(input: unknown): ContractValidation<InternalDispatchRequest> {
  return validateWith(internalDispatchRequestSchema, input, 'internal dispatch request');
}

/**
 * Returns a `POST /internal/v1/dispatch` request body (any `kind`), parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertInternalDispatchRequest(input: unknown): InternalDispatchRequest {
  return unwrapValidation(validateInternalDispatchRequest(input));
}

/** Checks a `POST /internal/v1/dispatch` response body. Never throws. */
export function validateInternalDispatchResponse(input: unknown): ContractValidation<InternalDispatchResponse> {
  return validateWith(internalDispatchResponseSchema, input, 'internal dispatch response');
}

/**
 * Returns a `POST /internal/v1/dispatch` response body, parsed.
 *
 * @throws NotificationsError `invalid_input`, listing every issue with its path.
 */
export function assertInternalDispatchResponse(input: unknown): InternalDispatchResponse {
  return unwrapValidation(validateInternalDispatchResponse(input));
}
