import type { Exchange, RunResult } from '../../src/model/run-result.js';

/** A client certificate's SHA-256 as the simulator records it. */
export const CLIENT_CERT_SHA256 = 'ab'.repeat(32);

/**
 * A client run built from a server-shaped one (schema 1.4), as a client
 * campaign writes it: the session, three requests received from the client
 * (one answered with an injected 403, one that arrived while no scenario
 * awaited it), and the last check turned into an answered attestation.
 * `session` and `port` vary what a new session changes, nothing else.
 */
export function asClientRun(
  run: RunResult,
  options: { session?: string; port?: number; clientId?: string; answer?: 'yes' | 'no' } = {},
): RunResult {
  const session = options.session ?? 's-1f2e';
  const root = `https://127.0.0.1:${options.port ?? 8443}/session/${session}`;
  const received = (id: string, path: string, extra: Partial<Exchange['received']> = {}, status = 200): Exchange => ({
    id,
    name: `received ${path}`,
    startedAt: '2026-12-03T14:00:00.000Z',
    durationMs: 3,
    request: {
      method: 'POST',
      url: `${root}/fhir/${path}`,
      headers: { 'content-type': 'application/fhir+json', authorization: '[REDACTED]' },
      body: '{"resourceType":"Parameters"}',
    },
    response: { status, headers: { 'content-type': 'application/fhir+json' }, bodySize: 2, body: '{}' },
    received: { connection: 1, certificate: CLIENT_CERT_SHA256, ...extra },
  });
  const exchanges = [
    received('r1', 'Patient/_search', { scenario: 'find-patient' }),
    received('r2', 'MedicationDispense', { scenario: 'consent-refused', injected: 'consent-refusal-403' }, 403),
    received('r3', 'metadata'),
  ];
  const checks = run.checks.map((c, i) => (i === 0 ? { ...c, exchanges: [...c.exchanges, 'r1', 'r2'] } : c));
  const last = checks.at(-1);
  if (last) {
    const answer = options.answer ?? 'yes';
    checks[checks.length - 1] = {
      ...last,
      status: answer === 'yes' ? 'pass' : 'fail',
      attestation: {
        question: {
          fr: 'Le logiciel a-t-il montré le refus de consentement à l’usager ?',
          en: 'Did the software show the consent refusal to the user?',
        },
        answer,
        answeredAt: '2026-12-03T14:01:00.000Z',
      },
    };
  }
  return {
    ...run,
    target: {
      ...(run.target.name ? { name: run.target.name } : {}),
      baseUrl: `${root}/fhir`,
      product: run.target.product ?? { vendor: 'Acme Santé', name: 'PharmaPro', version: '5.2.1' },
      source: 'client.yaml',
      kind: 'client',
    },
    client: {
      session,
      baseUrl: `${root}/fhir`,
      tokenUrl: `${root}/auth/token`,
      clientId: options.clientId ?? 'pharmapro-prod',
      unattended: false,
      unmatched: ['r3'],
    },
    checks,
    exchanges: [...run.exchanges, ...exchanges],
  };
}
