/**
 * Redaction happens when an exchange is recorded, so a secret never reaches the
 * run result, a report or a log.
 */

export const REDACTED = '[REDACTED]';

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
]);

/** JSON fields and form parameters whose values are credentials. */
const SECRET_FIELDS = [
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'client_assertion',
  'password',
  'code_verifier',
  'assertion',
];

const JSON_FIELD = new RegExp(`("(?:${SECRET_FIELDS.join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g');
const FORM_FIELD = new RegExp(`((?:^|[&?])(?:${SECRET_FIELDS.join('|')})=)[^&\\s]*`, 'g');

export class Redactor {
  private secrets: string[];

  /** `secrets`: every secret value the target file declares (tokens, passwords...). */
  constructor(secrets: readonly string[] = []) {
    // Longest first so a secret containing another is replaced whole; skip trivial values.
    this.secrets = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** Learns a secret obtained at run time (an access token): removed from everything recorded from now on. */
  addSecret(value: string): void {
    if (value.length < 4 || this.secrets.includes(value)) return;
    this.secrets = [...this.secrets, value].sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    for (const s of this.secrets) {
      const encoded = encodeURIComponent(s);
      if (encoded !== s) out = out.split(encoded).join(REDACTED);
    }
    return out.replace(JSON_FIELD, `$1"${REDACTED}"`).replace(FORM_FIELD, `$1${REDACTED}`);
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      out[lower] = SECRET_HEADERS.has(lower) ? redactHeaderValue(lower, value) : this.text(value);
    }
    return out;
  }
}

/** Keep the auth scheme ("Bearer") visible: it is useful evidence and not secret. */
function redactHeaderValue(name: string, value: string): string {
  if (name === 'authorization' || name === 'proxy-authorization') {
    const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
    return scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
  return REDACTED;
}
