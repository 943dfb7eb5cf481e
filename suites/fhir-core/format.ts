/** fhir-core, formats (FC-FMT): the FHIR JSON media type, _format=json, and content negotiation. */
import { FHIR_JSON } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import {
  assertStatus,
  ensure,
  label,
  listedTexts,
  mediaType,
  resourceOf,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import type { LocalizedText } from '../../src/util/i18n.js';
import { m } from './messages.js';
import { SAVED, savedRead, send, TURTLE } from './support.js';

/** `Content-Type application/json`, or `no Content-Type`. */
function contentTypeOf(res: HttpResponse): LocalizedText {
  const value = res.headers['content-type'];
  return value ? m.contentType({ value }) : m.noContentType();
}

export const format: TestDefinition[] = [
  {
    id: 'format-fhir-json-content-type',
    title: {
      en: 'JSON responses have the Content-Type application/fhir+json',
      fr: 'Les réponses JSON ont le Content-Type application/fhir+json',
    },
    description: {
      en: 'The official MIME type of FHIR JSON is application/fhir+json; a JSON response is labelled with it (a charset parameter may follow), not with the generic application/json (FHIR R4 http.html#mime-type).',
      fr: 'Le type MIME officiel de FHIR JSON est application/fhir+json ; une réponse JSON est étiquetée avec lui (un paramètre charset peut suivre), et non avec le type générique application/json (FHIR R4 http.html#mime-type).',
    },
    verifies: ['FC-FMT-01'],
    uses: [SAVED.patientRead, SAVED.searchByPatient],
    tags: ['format'],
    async run(t: TestContext) {
      const responses = [savedIfMade(t, SAVED.patientRead), savedIfMade(t, SAVED.searchByPatient)].filter(
        (res): res is HttpResponse => res !== undefined && res.body.trim() !== '',
      );
      if (responses.length === 0) t.skip(m.nothingToExamine());
      const wrong = responses
        .filter((res) => mediaType(res) !== FHIR_JSON)
        .map((res) => m.answeredWith({ request: label(res), contentType: contentTypeOf(res) }));
      ensure(wrong.length === 0, m.wrongContentType({ listed: listedTexts(wrong) }));
    },
  },
  {
    id: 'format-param-json',
    title: {
      en: 'The _format=json parameter is honoured and yields a JSON response',
      fr: 'Le paramètre _format=json est respecté et donne une réponse JSON',
    },
    description: {
      en: 'The _format parameter overrides the Accept header for clients that cannot set it; _format=json asks for the JSON representation, and the server answers with the resource in JSON (FHIR R4 http.html#mime-type).',
      fr: 'Le paramètre _format remplace l’en-tête Accept pour les clients qui ne peuvent pas le régler ; _format=json demande la représentation JSON, et le serveur répond avec la ressource en JSON (FHIR R4 http.html#mime-type).',
    },
    verifies: ['FC-FMT-02'],
    uses: [SAVED.patientRead],
    tags: ['format'],
    async run(t: TestContext) {
      const problems: LocalizedText[] = [];
      let checked = 0;
      const check = async (url: string, type: string): Promise<void> => {
        const res = await send(t, url, { headers: { accept: '*/*' } });
        checked += 1;
        const resource = resourceOf(res);
        if (res.status !== 200 || resource?.resourceType !== type)
          problems.push(m.formatJsonFailed({ request: label(res), type, got: whatCameBack(res) }));
      };
      if (await t.capabilities()) await check('metadata?_format=json', 'CapabilityStatement');
      else t.info(m.formatMetadataNotTried());
      const read = savedIfMade(t, SAVED.patientRead);
      if (read && read.status === 200 && resourceOfQuietly(read)?.resourceType === 'Patient') {
        const id = decodeURIComponent(new URL(read.url).pathname.split('/').pop() ?? '');
        await check(`Patient/${encodeURIComponent(id)}?_format=json`, 'Patient');
      } else {
        t.info(m.formatReadNotTried());
      }
      if (checked === 0) t.skip(m.formatNothingToAsk());
      ensure(problems.length === 0, m.formatProblems({ listed: listedTexts(problems) }));
    },
  },
  {
    id: 'format-unsupported-accept',
    title: {
      en: 'A format the server does not support yields 406 Not Acceptable, or that format',
      fr: 'Un format que le serveur ne prend pas en charge donne 406 Not Acceptable, ou ce format',
    },
    description: {
      en: 'Content negotiation: when the client asks through Accept for a representation the server cannot produce (here RDF Turtle, application/x-turtle), the server answers 406 Not Acceptable rather than another format (FHIR R4 http.html#mime-type).',
      fr: 'Négociation de contenu : quand le client demande par Accept une représentation que le serveur ne peut pas produire (ici RDF Turtle, application/x-turtle), le serveur répond 406 Not Acceptable plutôt que dans un autre format (FHIR R4 http.html#mime-type).',
    },
    verifies: ['FC-FMT-03'],
    uses: [SAVED.patientRead],
    tags: ['format'],
    async run(t: TestContext) {
      const { requestedId } = savedRead(t);
      const res = await send(t, `Patient/${encodeURIComponent(requestedId)}`, { headers: { accept: TURTLE } });
      if (res.status === 406) return;
      assertStatus(res, 200, m.notAcceptable({ accept: TURTLE }));
      ensure(
        /turtle/.test(mediaType(res)),
        m.notTurtle({ request: label(res), accept: TURTLE, contentType: contentTypeOf(res) }),
      );
    },
  },
];
