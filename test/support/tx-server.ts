import http from 'node:http';
import { listenOnLoopback } from './loopback.js';

/**
 * A small FHIR R4 terminology server on loopback, for the `--tx` tests:
 * `CodeSystem/$validate-code` and `ValueSet/$validate-code` for a few SNOMED CT
 * and LOINC codes, `ValueSet/$expand` for one value set. Strict about displays
 * like tx.fhir.org (a wrong display alone is `result = false`); an unknown code
 * system is `result = false` with `x-caused-by-unknown-system`; an unknown
 * value set is a 404 OperationOutcome.
 *
 * `hang` makes it accept requests and never answer (timeouts); `failWith`
 * answers every request with that HTTP status; `requests` lists what it
 * received (path and query), so tests can prove what was (not) asked.
 */

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
/** The value set the server knows: three SNOMED CT findings, with French designations. */
export const FINDINGS_VS = 'http://homolog.test/fhir/ValueSet/snomed-findings';

interface Concept {
  display: string;
  fr?: string;
}

const CODES: Record<string, Record<string, Concept>> = {
  [SNOMED]: {
    '386661006': { display: 'Fever', fr: 'Fièvre' },
    '22298006': { display: 'Myocardial infarction', fr: 'Infarctus du myocarde' },
    '73211009': { display: 'Diabetes mellitus', fr: 'Diabète sucré' },
    '271649006': { display: 'Systolic blood pressure', fr: 'Pression artérielle systolique' },
  },
  [LOINC]: {
    '11488-4': { display: 'Consult note', fr: 'Note de consultation' },
    '8867-4': { display: 'Heart rate', fr: 'Fréquence cardiaque' },
  },
};

const VALUE_SETS: Record<string, { title: string; system: string; codes: string[] }> = {
  [FINDINGS_VS]: { title: 'Test findings (SNOMED CT)', system: SNOMED, codes: ['386661006', '22298006', '73211009'] },
};

export interface TxServer {
  /** `http://127.0.0.1:<port>/fhir` */
  readonly baseUrl: string;
  /** Every request received: path and query, in order (hung ones included). */
  readonly requests: string[];
  readonly count: number;
  /** Accept requests and never answer. */
  hang: boolean;
  /** Answer every request with this HTTP status (and an OperationOutcome). */
  failWith: number | undefined;
  reset(): void;
  close(): Promise<void>;
}

export async function startTxServer(): Promise<TxServer> {
  const state = { hang: false, failWith: undefined as number | undefined, requests: [] as string[] };
  const server = http.createServer((req, res) => {
    state.requests.push(req.url ?? '');
    if (state.hang) return;
    if (state.failWith !== undefined)
      return send(res, state.failWith, outcome('exception', `failure ${state.failWith} on purpose`));
    handle(req, res);
  });
  const { port, close } = await listenOnLoopback(server);
  return {
    baseUrl: `http://127.0.0.1:${port}/fhir`,
    requests: state.requests,
    get count() {
      return state.requests.length;
    },
    get hang() {
      return state.hang;
    },
    set hang(v: boolean) {
      state.hang = v;
    },
    get failWith() {
      return state.failWith;
    },
    set failWith(v: number | undefined) {
      state.failWith = v;
    },
    reset() {
      state.requests.length = 0;
      state.hang = false;
      state.failWith = undefined;
    },
    close,
  };
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const q = url.searchParams;
  if (req.method !== 'GET') return send(res, 405, outcome('not-supported', 'only GET is supported here'));
  switch (url.pathname) {
    case '/fhir/CodeSystem/$validate-code':
      return send(res, 200, validateInSystem(q.get('url') ?? '', q.get('code') ?? '', q.get('display') ?? undefined));
    case '/fhir/ValueSet/$validate-code': {
      const vs = VALUE_SETS[q.get('url') ?? ''];
      if (!vs)
        return send(res, 404, outcome('not-found', `A definition for ValueSet '${q.get('url')}' could not be found`));
      return send(
        res,
        200,
        validateInValueSet(
          q.get('url') ?? '',
          q.get('system') ?? vs.system,
          q.get('code') ?? '',
          q.get('display') ?? undefined,
        ),
      );
    }
    case '/fhir/ValueSet/$expand': {
      const vs = VALUE_SETS[q.get('url') ?? ''];
      if (!vs)
        return send(res, 404, outcome('not-found', `A definition for ValueSet '${q.get('url')}' could not be found`));
      return send(res, 200, {
        resourceType: 'ValueSet',
        url: q.get('url'),
        version: '1.0.0',
        title: vs.title,
        status: 'active',
        expansion: {
          timestamp: '2026-11-25T00:00:00Z',
          total: vs.codes.length,
          contains: vs.codes.map((code) => {
            const c = CODES[vs.system]?.[code] as Concept;
            return {
              system: vs.system,
              code,
              display: c.display,
              designation: c.fr ? [{ language: 'fr-CA', value: c.fr }] : [],
            };
          }),
        },
      });
    }
    default:
      return send(res, 404, outcome('not-found', `no route for ${url.pathname}`));
  }
}

function validateInSystem(system: string, code: string, display: string | undefined): unknown {
  const codes = CODES[system];
  if (!codes) {
    return parameters(
      false,
      `A definition for CodeSystem '${system}' could not be found, so the code cannot be validated`,
      undefined,
      [{ name: 'x-caused-by-unknown-system', valueCanonical: system }],
    );
  }
  const c = codes[code];
  if (!c) return parameters(false, `Unknown code '${code}' in the CodeSystem '${system}'`);
  return displayAnswer(system, code, c, display);
}

function validateInValueSet(vsUrl: string, system: string, code: string, display: string | undefined): unknown {
  const vs = VALUE_SETS[vsUrl] as { title: string; system: string; codes: string[] };
  const c = CODES[system]?.[code];
  if (system !== vs.system || !vs.codes.includes(code) || !c) {
    return parameters(
      false,
      `The code provided (${system}#${code}) was not found in the value set '${vs.title}' (${vsUrl})`,
    );
  }
  return displayAnswer(system, code, c, display);
}

function displayAnswer(system: string, code: string, c: Concept, display: string | undefined): unknown {
  const norm = (s: string) => s.trim().toLowerCase();
  if (display !== undefined && norm(display) !== norm(c.display) && (!c.fr || norm(display) !== norm(c.fr))) {
    const valid = c.fr ? `one of 2 choices: '${c.display}' (en) or '${c.fr}' (fr)` : `'${c.display}'`;
    return parameters(
      false,
      `Wrong Display Name '${display}' for ${system}#${code}. Valid display is ${valid}`,
      c.display,
    );
  }
  return parameters(true, undefined, c.display);
}

function parameters(
  result: boolean,
  message: string | undefined,
  display?: string,
  extra: Record<string, unknown>[] = [],
): unknown {
  const parameter: Record<string, unknown>[] = [{ name: 'result', valueBoolean: result }];
  if (message) parameter.push({ name: 'message', valueString: message });
  if (display) parameter.push({ name: 'display', valueString: display });
  return { resourceType: 'Parameters', parameter: [...parameter, ...extra] };
}

function outcome(code: string, diagnostics: string): unknown {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/fhir+json' });
  res.end(JSON.stringify(body));
}
