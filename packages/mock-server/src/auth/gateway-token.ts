import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The bot gateway token of a sandbox: lowercase hex HMAC-SHA256 with the
 * gateway secret as key and the sandbox id as message (64 characters).
 */
export function gatewayTokenFor(secret: string, sandboxId: string): string {
  return createHmac('sha256', secret).update(sandboxId, 'utf8').digest('hex');
}

/** Checks a presented gateway token in constant time. */
export function verifyGatewayToken(secret: string, sandboxId: string, presented: string): boolean {
  const expected = Buffer.from(gatewayTokenFor(secret, sandboxId), 'utf8');
  const actual = Buffer.from(presented, 'utf8');
  if (actual.length !== expected.length) return false;
  return timingSafeEqual(actual, expected);
}
