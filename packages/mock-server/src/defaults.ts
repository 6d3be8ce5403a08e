/** The JWT secret used when none is given (stable, so dev tokens survive restarts). */
export const DEFAULT_JWT_SECRET = 'kilo-chat-mock-jwt-secret';

/** The gateway secret used when none is given. */
export const DEFAULT_GATEWAY_SECRET = 'kilo-chat-mock-gateway-secret';
