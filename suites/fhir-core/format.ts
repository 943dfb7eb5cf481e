/** fhir-core, formats (FC-FMT): the FHIR JSON media type, _format=json, and content negotiation. */
import { FHIR_JSON } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import {
  assertStatus,
  ensure,
  label,
  listed,
  mediaType,
  resourceOf,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import { SAVED, savedRead, send, TURTLE } from './support.js';

/** `Content-Type application/json`, or `no Content-Type`. */
function contentTypeOf(res: HttpResponse): string {
  return res.headers['content-type'] ? `Content-Type ${res.headers['content-type']}` : 'no Content-Type';
}

export const format: TestDefinition[] = [
  {
    id: 'format-fhir-json-content-type',
    title: 'JSON responses have the Content-Type application/fhir+json',
    description:
      'The official MIME type of FHIR JSON is application/fhir+json; a JSON response is labelled with it (a charset parameter may follow), not with the generic application/json (FHIR R4 http.html#mime-type).',
    verifies: ['FC-FMT-01'],
    uses: [SAVED.patientRead, SAVED.searchByPatient],
    tags: ['format'],
    async run(t: TestContext) {
      const responses = [savedIfMade(t, SAVED.patientRead), savedIfMade(t, SAVED.searchByPatient)].filter(
        (res): res is HttpResponse => res !== undefined && res.body.trim() !== '',
      );
      if (responses.length === 0)
        t.skip('neither the read of the test patient nor the search by patient returned a body to examine');
      const wrong = responses
        .filter((res) => mediaType(res) !== FHIR_JSON)
        .map((res) => `${label(res)} answered with ${contentTypeOf(res)}`);
      ensure(
        wrong.length === 0,
        `expected Content-Type application/fhir+json (a charset parameter is fine) on JSON responses, but ${listed(wrong)}`,
      );
    },
  },
  {
    id: 'format-param-json',
    title: 'The _format=json parameter is honoured and yields a JSON response',
    description:
      'The _format parameter overrides the Accept header for clients that cannot set it; _format=json asks for the JSON representation, and the server answers with the resource in JSON (FHIR R4 http.html#mime-type).',
    verifies: ['FC-FMT-02'],
    uses: [SAVED.patientRead],
    tags: ['format'],
    async run(t: TestContext) {
      const problems: string[] = [];
      let checked = 0;
      const check = async (url: string, type: string): Promise<void> => {
        const res = await send(t, url, { headers: { accept: '*/*' } });
        checked += 1;
        const resource = resourceOf(res);
        if (res.status !== 200 || resource?.resourceType !== type)
          problems.push(`${label(res)}: expected 200 and a JSON ${type}, got ${whatCameBack(res)}`);
      };
      if (await t.capabilities()) await check('metadata?_format=json', 'CapabilityStatement');
      else t.info('metadata?_format=json was not tried: GET metadata itself fails (see FC-CAP-01)');
      const read = savedIfMade(t, SAVED.patientRead);
      if (read && read.status === 200 && resourceOfQuietly(read)?.resourceType === 'Patient') {
        const id = decodeURIComponent(new URL(read.url).pathname.split('/').pop() ?? '');
        await check(`Patient/${encodeURIComponent(id)}?_format=json`, 'Patient');
      } else {
        t.info(
          'Patient/[id]?_format=json was not tried: the read of the test patient did not succeed (see FC-READ-01)',
        );
      }
      if (checked === 0)
        t.skip(
          'neither GET metadata nor the read of the test patient succeeds, so there is nothing to ask in JSON through _format',
        );
      ensure(problems.length === 0, listed(problems));
    },
  },
  {
    id: 'format-unsupported-accept',
    title: 'A format the server does not support yields 406 Not Acceptable, or that format',
    description:
      'Content negotiation: when the client asks through Accept for a representation the server cannot produce (here RDF Turtle, application/x-turtle), the server answers 406 Not Acceptable rather than another format (FHIR R4 http.html#mime-type).',
    verifies: ['FC-FMT-03'],
    uses: [SAVED.patientRead],
    tags: ['format'],
    async run(t: TestContext) {
      const { requestedId } = savedRead(t);
      const res = await send(t, `Patient/${encodeURIComponent(requestedId)}`, { headers: { accept: TURTLE } });
      if (res.status === 406) return;
      assertStatus(res, 200, `406 Not Acceptable or 200 with a Turtle body (Accept: ${TURTLE})`);
      ensure(
        /turtle/.test(mediaType(res)),
        `${label(res)} with Accept: ${TURTLE}: expected 406 Not Acceptable or a Turtle response, got 200 with ${contentTypeOf(res)}`,
      );
    },
  },
];
