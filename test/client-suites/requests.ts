/**
 * Hand-made received requests for the client suites' check tests: what the
 * simulator records for a request the client sent, by default a FHIR request
 * answered 200 in the given scenario.
 */
import type { ReceivedRequest } from '../../src/suite/client-api.js';

export type RequestOptions = Partial<Omit<ReceivedRequest, 'method' | 'path' | 'query'>> & {
  /** A FHIR JSON body. */
  json?: unknown;
  /** A form body (token requests). */
  form?: Record<string, string>;
};

/** A builder of requests of one scenario, numbered in order; `url` is relative to the FHIR base (or the endpoint). */
export function requestsOf(
  scenario: string,
): (method: string, url: string, options?: RequestOptions) => ReceivedRequest {
  let sequence = 0;
  return (method, url, options = {}) => {
    const [path = '', query = ''] = url.split('?');
    const { json, form, ...rest } = options;
    sequence += 1;
    const contentType: Record<string, string> =
      form !== undefined
        ? { 'content-type': 'application/x-www-form-urlencoded' }
        : json !== undefined
          ? { 'content-type': 'application/fhir+json' }
          : {};
    return {
      exchangeId: `x${sequence}`,
      at: sequence * 10,
      method,
      endpoint: 'fhir',
      path,
      query: [...new URLSearchParams(query)],
      headers: { authorization: 'Bearer a', ...contentType },
      body:
        form !== undefined
          ? new URLSearchParams(form).toString()
          : json === undefined
            ? undefined
            : JSON.stringify(json),
      tls: { connection: 1 },
      reply: { status: 200, headers: {} },
      scenario,
      ...rest,
    };
  };
}
