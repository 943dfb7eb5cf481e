/**
 * Coding.system urls the Java validator rejects before any terminology call
 * (InstanceValidator.checkCode, for a system no terminology server supports):
 * a page on build.fhir.org, an HL7 page (`….html`) rather than the code
 * system's url, `https:` where the code system is `http:`, and a well-known
 * system's url with something appended (`http://loinc.org/…`). Each is an
 * error in Java; the suggestion follows Java's suggestSystemFor*.
 */
import { issueOf, type ValidationIssue } from './issues.js';
import { sm } from './messages.js';
import type { DefinitionRegistry } from './registry.js';

type Json = Record<string, unknown>;

const UNSURE = '{unable to determine intended url}';
/** https: forms of systems Java knows are http: (NO_HTTPS_LIST). */
const NO_HTTPS = new Set([
  'https://loinc.org',
  'https://unitsofmeasure.org',
  'https://snomed.info/sct',
  'https://www.nlm.nih.gov/research/umls/rxnorm',
]);
const WELL_KNOWN = [
  'http://snomed.info/sct',
  'http://loinc.org',
  'http://unitsofmeasure.org',
  'http://www.nlm.nih.gov/research/umls/rxnorm',
];
const HL7_FHIR = /^https?:\/\/(www\.)?hl7\.org\/fhir/;

/** Java's suggestSystemForPage / suggestSystemForBuild: the code system a page is about, when held. */
function suggestion(system: string, build: boolean, registry: DefinitionRegistry): string {
  const held = (url: string): boolean => registry.codeSystem(url) !== undefined;
  const at = system.indexOf('/codesystem-');
  if (at >= 0) {
    const url = `http://hl7.org/fhir/${system.slice(at + 12).replace('.html', '')}`;
    return held(url) ? url : UNSURE;
  }
  // Java cuts `/valueset-` two characters short: never a held url.
  if (system.includes('/valueset-') || !build) return UNSURE;
  const http = system.replace('https://', 'http://');
  if (http.length < 22) return UNSURE;
  const url = `http://hl7.org/fhir/${http.slice(22).replace('.html', '')}`;
  return held(url) ? url : UNSURE;
}

/** The problem of a Coding's system url, if any (only for a coding with a system and a code, as Java). */
export function codeSystemUrlProblem(
  coding: Json,
  path: string,
  registry: DefinitionRegistry,
): ValidationIssue | undefined {
  const { system, code } = coding;
  if (typeof system !== 'string' || typeof code !== 'string') return undefined;
  if (system.startsWith('http://build.fhir.org') || system.startsWith('https://build.fhir.org'))
    return issueOf(
      'error',
      'code-invalid',
      path,
      sm.systemBuild({ system, suggestion: suggestion(system, true, registry) }),
    );
  if (HL7_FHIR.test(system)) {
    if (system.endsWith('.html') && !system.startsWith('http://hl7.org/fhir/test'))
      return issueOf(
        'error',
        'code-invalid',
        path,
        sm.systemHtml({ system, suggestion: suggestion(system, false, registry) }),
      );
    return undefined;
  }
  for (const s of WELL_KNOWN)
    if (system !== s && system.startsWith(s))
      return issueOf('error', 'code-invalid', path, sm.systemInvalid({ system }));
  if (
    system.startsWith('https:') &&
    system.length > 7 &&
    (NO_HTTPS.has(system) || registry.codeSystem(`http:${system.slice(6)}`) !== undefined)
  )
    return issueOf('error', 'code-invalid', path, sm.systemHttps({ system }));
  return undefined;
}
