/**
 * Redaction happens when an exchange is recorded, so a secret never reaches the
 * run result, a report or a log. A secret is removed in every form it can take
 * in a text: raw, URL-encoded, JSON-escaped, base64/base64url (even inside a
 * longer encoded value such as a Basic `id:secret` pair), and inside any JSON
 * string however its characters are escaped.
 */
import type { LocalizedText } from '../util/i18n.js';

export const REDACTED = '[REDACTED]';

/** Headers whose value is a credential: redacted whatever they hold, and never sent to another origin. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
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
/** The userinfo of a URL (`scheme://user:password@host`): masked whatever it holds. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>\\]+@/gi;
/** A JSON string literal. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
/** A compact JWS (a JWT): three base64url segments; group 1 is the signature. */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)$/;
/** Base64 cores shorter than this are not looked for inside encoded text (too likely to match by chance). */
const MIN_CORE = 8;

export class Redactor {
  private secrets: string[] = [];
  /** Every encoded form of every secret, longest first. */
  private forms: string[] = [];

  /** `secrets`: every secret value the target file declares (tokens, passwords...). */
  constructor(secrets: readonly string[] = []) {
    for (const s of secrets) this.addSecret(s);
  }

  /** Learns a secret obtained at run time (an access token): removed from everything recorded from now on. */
  addSecret(value: string): void {
    // Trivial values would redact ordinary text.
    if (value.length < 4 || this.secrets.includes(value)) return;
    this.secrets.push(value);
    const forms = new Set(this.forms);
    for (const form of formsOf(value)) forms.add(form);
    // A JWT's signature is what makes it usable: redacted even when echoed apart from the rest.
    const signature = JWT.exec(value)?.[1];
    if (signature && signature.length >= 16) forms.add(signature);
    // Longest first so a form containing another is replaced whole.
    this.forms = [...forms].sort((a, b) => b.length - a.length);
  }

  /** Does this text hold a known secret in any of its forms? */
  contains(text: string): boolean {
    return this.forms.some((f) => text.includes(f)) || this.inJsonStrings(text);
  }

  text(value: string): string {
    let out = value;
    for (const f of this.forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
    // A secret hidden by escapes no encoded form predicts (\u0061...): the whole string literal goes.
    if (this.inJsonStrings(out))
      out = out.replace(JSON_STRING, (lit) => (this.decodedHasSecret(lit) ? `"${REDACTED}"` : lit));
    return out
      .replace(JSON_FIELD, `$1"${REDACTED}"`)
      .replace(FORM_FIELD, `$1${REDACTED}`)
      .replace(USERINFO, `$1${REDACTED}@`);
  }

  /** A text in both languages, each redacted. */
  localized(value: LocalizedText): LocalizedText {
    return { fr: this.text(value.fr), en: this.text(value.en) };
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      out[lower] = SECRET_HEADERS.has(lower) ? redactHeaderValue(lower, value) : this.text(value);
    }
    return out;
  }

  private inJsonStrings(text: string): boolean {
    if (this.secrets.length === 0 || !text.includes('\\')) return false;
    for (const lit of text.match(JSON_STRING) ?? []) if (lit.includes('\\') && this.decodedHasSecret(lit)) return true;
    return false;
  }

  private decodedHasSecret(literal: string): boolean {
    let decoded: unknown;
    try {
      decoded = JSON.parse(literal);
    } catch {
      return false;
    }
    return typeof decoded === 'string' && this.secrets.some((s) => decoded.includes(s));
  }
}

/** The forms a secret takes in recorded text. */
function formsOf(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
  forms.push(...forms.slice(1).map((f) => f.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())));
  const json = JSON.stringify(secret).slice(1, -1);
  forms.push(json, json.replace(/\//g, '\\/'), asciiJson(json));
  forms.push(...base64Cores(secret));
  return [...new Set(forms)].filter((f) => f.length >= 4);
}

/** JSON escaping of every non-ASCII character (\uXXXX), as some serialisers write it. */
function asciiJson(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * base64 and base64url of the secret at each of the three byte alignments it can
 * have inside a longer encoded value, keeping only the characters that do not
 * depend on the neighbouring bytes: `Basic base64(id:secret)` holds one of them.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    // Characters touched by the prefix, and by whatever follows the last whole group.
    const start = shift === 0 ? 0 : Math.ceil((shift * 8) / 6);
    const whole = Math.floor((shift + bytes.length) / 3) * 4;
    const exact = shift === 0 ? encoded : encoded.slice(start, whole);
    for (const core of shift === 0 ? [encoded, encoded.slice(0, whole)] : [exact]) {
      if (core.length >= MIN_CORE) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return cores;
}

/** Keep the auth scheme ("Bearer") visible: it is useful evidence and not secret. */
function redactHeaderValue(name: string, value: string): string {
  if (name === 'authorization' || name === 'proxy-authorization') {
    const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
    return scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
  return REDACTED;
}
