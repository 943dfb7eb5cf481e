/**
 * Bearer-token check without access control (the default, plain-HTTP mode):
 * a request without Authorization is let through; one that carries
 * credentials must carry a token this target knows. With access control on,
 * access/guard.ts decides instead.
 */

export type Credentials = 'none' | 'valid' | 'invalid';

export function checkCredentials(
  authorization: string | undefined,
  tokens: { has(token: string): boolean },
): Credentials {
  if (authorization === undefined) return 'none';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match && tokens.has(match[1] ?? '') ? 'valid' : 'invalid';
}

/** RFC 6750 challenge sent with every 401. */
export function bearerChallenge(credentials: Credentials): string {
  return credentials === 'invalid'
    ? 'Bearer realm="homolog-reference", error="invalid_token", error_description="The access token is not recognised"'
    : 'Bearer realm="homolog-reference"';
}
