/** fhir-core, create (FC-CREATE): POST [type], its Location, and the id the server assigns. */
import type { Patient } from '@medplum/fhirtypes';
import { FHIR_JSON } from '../../src/fhir/client.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import {
  assertHeader,
  assertStatus,
  ensure,
  label,
  quoted,
  resourceOf,
  resourceOfQuietly,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import {
  CLIENT_ID_PREFIX,
  clientIds,
  normalisedBase,
  parseVersionedLocation,
  randomToken,
  requireCreateDeclared,
  SAVED,
  send,
} from './support.js';

export const create: TestDefinition[] = [
  {
    id: 'create-201-location',
    title: {
      en: 'POST [type] returns 201 Created and a Location [base]/[type]/[id]/_history/[vid]',
      fr: 'POST [type] renvoie 201 Created et un en-tête Location [base]/[type]/[id]/_history/[vid]',
    },
    description: {
      en: 'When the server declares create, POST [base]/[type] with a resource creates it and answers 201 Created with a Location header holding the new logical id and version id: [base]/[type]/[id]/_history/[vid] (FHIR R4 http.html#create). A synthetic Patient (family name Homolog-Test) is created.',
      fr: 'Quand le serveur déclare create, POST [base]/[type] avec une ressource la crée et répond 201 Created avec un en-tête Location qui porte le nouvel id logique et l’id de version : [base]/[type]/[id]/_history/[vid] (FHIR R4 http.html#create). Un Patient synthétique (nom de famille Homolog-Test) est créé.',
    },
    verifies: ['FC-CREATE-01'],
    makes: [SAVED.create],
    tags: ['create'],
    async run(t: TestContext) {
      await requireCreateDeclared(t);
      const clientId = `${CLIENT_ID_PREFIX}${randomToken()}`;
      const patient: Patient = {
        resourceType: 'Patient',
        id: clientId,
        name: [{ family: 'Homolog-Test', given: ['Synthetic'] }],
        gender: 'unknown',
      };
      const res = await send(t, 'Patient', {
        method: 'POST',
        headers: { 'content-type': FHIR_JSON },
        body: JSON.stringify(patient),
        name: SAVED.create,
      });
      clientIds.set(res, clientId);
      t.save(SAVED.create, res);
      assertStatus(res, 201, m.created201());
      const base = normalisedBase(t);
      assertHeader(
        res,
        'Location',
        (location) =>
          location !== '' && parseVersionedLocation(new URL(location, res.url).href, base, 'Patient') !== undefined,
        m.locationForm({ base }),
      );
    },
  },
  {
    id: 'create-server-assigns-id',
    title: {
      en: "The server assigns the id of a created resource, ignoring the client's, and the resource reads back",
      fr: 'Le serveur attribue l’id d’une ressource créée, sans tenir compte de celui du client, et la ressource se relit',
    },
    description: {
      en: 'On create the server assigns the logical id; an id the client put in the body is ignored. The new resource can then be read at the assigned id (FHIR R4 http.html#create).',
      fr: 'À la création, le serveur attribue l’id logique ; un id mis par le client dans le corps est ignoré. La nouvelle ressource peut ensuite être lue à l’id attribué (FHIR R4 http.html#create).',
    },
    verifies: ['FC-CREATE-02'],
    uses: [SAVED.create],
    tags: ['create'],
    async run(t: TestContext) {
      await requireCreateDeclared(t);
      const res = t.saved(SAVED.create);
      if (res.status < 200 || res.status >= 300) t.skip(m.notCreated({ request: label(res), got: whatCameBack(res) }));
      const location = res.headers.location;
      const fromLocation = location
        ? /\/Patient\/([^/?#]+)(?:\/_history\/[^/?#]+)?\/?(?:[?#].*)?$/.exec(new URL(location, res.url).pathname)?.[1]
        : undefined;
      const body = resourceOfQuietly(res);
      const assigned = fromLocation
        ? decodeURIComponent(fromLocation)
        : body?.resourceType === 'Patient'
          ? body.id
          : undefined;
      if (!assigned) t.skip(m.noAssignedId({ request: label(res) }));
      const clientId = clientIds.get(res);
      const keptClientId = clientId ? assigned === clientId : assigned.startsWith(CLIENT_ID_PREFIX);
      ensure(!keptClientId, m.keptClientId({ request: label(res), clientId: quoted(clientId ?? assigned), assigned }));
      const back = await send(t, `Patient/${encodeURIComponent(assigned)}`);
      const patient = resourceOf(back);
      ensure(
        back.status === 200 && patient?.resourceType === 'Patient',
        m.readBackFailed({ request: label(back), create: label(res), got: whatCameBack(back) }),
      );
    },
  },
];
