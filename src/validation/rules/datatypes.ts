/**
 * Data type rules of the HL7 Java validator (InstanceValidator) that the
 * structure definitions do not express: Identifier (an absolute system, a URI
 * value under urn:ietf:rfc:3986, the RFC 4122 URL misused as a system),
 * Coding.system absolute, Meta.security labels a set, Attachment.hash the
 * SHA-1 of the data.
 */
import { createHash } from 'node:crypto';
import { issueOf, type ValidationIssue } from '../issues.js';
import { rm } from './messages.js';
import type { Json } from './util.js';

const RFC4122 = 'https://tools.ietf.org/html/rfc4122';
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Java's isAbsolute: a token scheme before the first colon (`file:` needs a path or a drive). */
function isAbsolute(uri: string): boolean {
  const colon = uri.indexOf(':');
  if (colon < 0) return false;
  const scheme = uri.slice(0, colon);
  if (!/^[A-Za-z0-9_-]+$/.test(scheme)) return false;
  const tail = uri.slice(colon + 1);
  return scheme !== 'file' || tail.startsWith('/') || tail.includes(':');
}

export function identifierProblems(identifier: Json, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const { system, value } = identifier;
  if (typeof system === 'string' && !/^(https?:|urn:|ldap:)/.test(system))
    out.push(issueOf('error', 'code-invalid', path, rm.identifierSystem()));
  if (typeof value !== 'string') return out;
  if (system === 'urn:ietf:rfc:3986' && !isAbsolute(value))
    out.push(issueOf('error', 'code-invalid', path, rm.identifierIetfValue({ value })));
  if (system === RFC4122) {
    if (value.startsWith('urn:uuid:'))
      out.push(issueOf('warning', 'code-invalid', path, rm.identifierRfc4122Urn({ value })));
    else if (UUID.test(value)) out.push(issueOf('warning', 'code-invalid', path, rm.identifierRfc4122Uuid({ value })));
    else out.push(issueOf('error', 'code-invalid', path, rm.identifierRfc4122Wrong({ value })));
  }
  return out;
}

/** Java's isCodeSystemReferenceValid. */
export function codingProblems(coding: Json, path: string): ValidationIssue[] {
  const { system } = coding;
  if (typeof system === 'string' && !/^(https?:|urn:)/.test(system))
    return [issueOf('error', 'code-invalid', path, rm.codingSystemRelative())];
  return [];
}

/** Security labels are a set of system#code. */
export function metaProblems(meta: Json, path: string): ValidationIssue[] {
  if (!Array.isArray(meta.security) || meta.security.length < 2) return [];
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  meta.security.forEach((label: unknown, i) => {
    if (!label || typeof label !== 'object') return;
    const l = label as Json;
    const key = `${String(l.system ?? null)}#${String(l.code ?? null)}`;
    if (seen.has(key))
      out.push(issueOf('error', 'business-rule', `${path}.security[${i}]`, rm.securityDuplicate({ label: key })));
    seen.add(key);
  });
  return out;
}

/** Attachment.hash: base64 of the SHA-1 of the decoded data (checked only when both are well-formed base64). */
export function attachmentHashProblem(attachment: Json, path: string): ValidationIssue | undefined {
  const { data, hash } = attachment;
  if (typeof data !== 'string' || typeof hash !== 'string') return undefined;
  if (!BASE64.test(data) || !BASE64.test(hash)) return undefined;
  const stated = Buffer.from(hash, 'base64');
  const actual = createHash('sha1').update(Buffer.from(data, 'base64')).digest();
  if (stated.equals(actual)) return undefined;
  return issueOf('error', 'structure', path, rm.attachmentHash({ stated: hash, actual: actual.toString('base64') }));
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
