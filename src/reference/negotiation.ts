/**
 * Content negotiation: this server speaks FHIR JSON only. `_format` wins over
 * Accept (FHIR http.html#mime-type); anything that cannot be JSON gets 406.
 */

export type Negotiation = { ok: true } | { ok: false; status: 400 | 406; text: string };

export interface NegotiationOptions {
  /** format-param-rejected fault: any _format is a 400. */
  rejectFormatParam: boolean;
  /** accept-ignored fault: an unsupported Accept is served JSON anyway. */
  ignoreAccept: boolean;
}

const JSON_FORMATS: ReadonlySet<string> = new Set([
  'json',
  'application/json',
  'application/fhir+json',
  'application/json+fhir',
]);
const JSON_RANGES: ReadonlySet<string> = new Set([...JSON_FORMATS, '*/*', 'application/*']);

export function negotiate(
  formatParam: string | null,
  accept: string | undefined,
  options: NegotiationOptions,
): Negotiation {
  if (formatParam !== null) return negotiateFormatParam(formatParam, options);
  if (options.ignoreAccept || accept === undefined || accept.trim() === '') return { ok: true };
  if (acceptsJson(accept)) return { ok: true };
  return {
    ok: false,
    status: 406,
    text: `None of the formats in Accept (${accept}) can be produced: this server returns FHIR JSON (application/fhir+json) only`,
  };
}

function negotiateFormatParam(value: string, options: NegotiationOptions): Negotiation {
  if (options.rejectFormatParam) return { ok: false, status: 400, text: 'The _format parameter is not supported' };
  // An unencoded '+' in a query string decodes as a space: "application/fhir json" meant "application/fhir+json".
  const mediaType = (value.split(';')[0] ?? '').trim().toLowerCase().replace(/ /g, '+');
  if (JSON_FORMATS.has(mediaType)) return { ok: true };
  return {
    ok: false,
    status: 406,
    text: `_format=${value} is not supported: this server returns FHIR JSON only (_format=json)`,
  };
}

/** True when some media range of an Accept header, with q > 0, can be answered with FHIR R4 JSON. */
export function acceptsJson(accept: string): boolean {
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((p) => p.trim());
    const values = new Map(params.map((p) => p.split('=').map((s) => s.trim().toLowerCase()) as [string, string]));
    if (values.get('q') !== undefined && Number(values.get('q')) <= 0) return false;
    const fhirVersion = values.get('fhirversion');
    if (fhirVersion !== undefined && !fhirVersion.startsWith('4.0')) return false;
    return JSON_RANGES.has(type.toLowerCase());
  });
}
