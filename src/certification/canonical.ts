/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme): one byte sequence
 * per JSON value, whatever the key order or whitespace of the file it came
 * from. The signature covers these bytes, so re-indenting a signed document
 * does not break it, while any change to a value does.
 *
 * The canonicalizer is the `canonicalize` package by RFC 8785's co-author
 * (Samuel Erdtman); we only wrap its errors.
 */
import canonicalize from 'canonicalize';

/** The RFC 8785 form of a JSON value; values JSON cannot carry (NaN, lone surrogates) are refused. */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (err) {
    throw new Error(`cannot canonicalize the document (RFC 8785): ${err instanceof Error ? err.message : String(err)}`);
  }
  if (text === undefined) throw new Error('cannot canonicalize the document (RFC 8785): it has no JSON representation');
  return text;
}

/** The canonical form as UTF-8 bytes: what is signed and hashed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
