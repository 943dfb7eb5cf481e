/** CS-ISO: the patient never reads nor finds another patient's data. */
import type { TestDefinition } from '../../src/suite/api.js';
import { searchEvery } from '../../src/suite/search-all.js';
import { assertNone, label, listOf, matches, type Text } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { citizen, disclosure, identifyingStrings, isClientError, notOwn, patientsOf, professional } from './support.js';

export const isolationTests: TestDefinition[] = [
  {
    id: 'other-patient-not-readable',
    title: {
      en: 'Reading another patient’s record or clinical data is refused (403 or 404) with none of their data',
      fr: 'La lecture du dossier ou des données cliniques d’un autre patient est refusée (403 ou 404) sans aucune de ses données',
    },
    description: {
      en: 'As the patient actor: GET Patient/[other], GET of one of their clinical resources (found by a professional actor) and GET of their appointment answer 403 or 404, and the body is neither the resource nor carries their identifiers or names.',
      fr: 'En tant qu’acteur patient : GET Patient/[autre], GET d’une de ses ressources cliniques (trouvée par un acteur professionnel) et GET de son rendez-vous répondent 403 ou 404, et le corps n’est pas la ressource et ne porte ni ses identifiants ni ses noms.',
    },
    verifies: ['CS-ISO-01'],
    inputs: ['otherPatientId'],
    tags: ['isolation', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const other = t.input('otherPatientId');
      if (other === me.self) t.skip(m.otherIsSelf({ patient: other }));
      // What the other patient's data looks like, and some of it to ask for, as a professional sees it.
      const targets: { type: string; id: string }[] = [{ type: 'Patient', id: other }];
      let identifying: string[] = [];
      const pro = professional(t);
      if (pro) {
        const client = await t.as(pro);
        const record = await client.read('Patient', other);
        if (record.status === 200 && record.resource) identifying = identifyingStrings(record.resource);
        for (const [type, params] of [
          ['Observation', { category: 'laboratory' }],
          ['MedicationDispense', {}],
          ['DiagnosticReport', {}],
        ] as const) {
          const found = await client.search(type, { patient: other, ...params, _count: 10 });
          // Only what is really theirs: a target that ignores the patient parameter must not turn the citizen's own data into a probe.
          const theirs = matches(found.resource, type).find((r) => patientsOf(r).includes(other));
          if (found.status === 200 && theirs?.id) targets.push({ type, id: theirs.id });
        }
      } else {
        t.info(m.noProfessional());
      }
      const appointment = t.target.testData.otherPatientAppointmentId;
      if (appointment) targets.push({ type: 'Appointment', id: appointment });
      else t.info(m.noOtherAppointment());

      const problems: Text[] = [];
      for (const { type, id } of targets) {
        const res = await me.client.read(type, id);
        if (res.status !== 403 && res.status !== 404)
          problems.push(m.expected403or404({ request: label(res), status: res.status }));
        const leak = disclosure(res, type, identifying);
        if (leak) problems.push(m.leak({ request: label(res), status: res.status, leak }));
      }
      assertNone(problems, m.otherReachable({ self: me.self, other }));
    },
  },
  {
    id: 'other-patient-not-searchable',
    title: {
      en: 'Searches return only the patient’s own data: patient=[other] is refused or empty, and a search without patient returns only their own',
      fr: 'Les recherches ne renvoient que les données du patient : patient=[autre] est refusé ou vide, et une recherche sans patient ne renvoie que les siennes',
    },
    description: {
      en: 'As the patient actor: a search of medications, laboratory, imaging and appointments with patient=[other] answers 403/404 or an empty set; the same searches without a patient parameter return only resources about the patient themself (or are refused).',
      fr: 'En tant qu’acteur patient : une recherche de médicaments, de laboratoire, d’imagerie et de rendez-vous avec patient=[autre] répond 403/404 ou un ensemble vide; les mêmes recherches sans paramètre patient ne renvoient que des ressources concernant le patient lui-même (ou sont refusées).',
    },
    verifies: ['CS-ISO-01'],
    inputs: ['otherPatientId'],
    tags: ['isolation', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const other = t.input('otherPatientId');
      if (other === me.self) t.skip(m.otherIsSelf({ patient: other }));
      const kinds: [string, Record<string, string>][] = [
        ['MedicationDispense', {}],
        ['MedicationRequest', {}],
        ['Observation', { category: 'laboratory' }],
        ['DiagnosticReport', {}],
        ['Appointment', {}],
      ];
      const problems: Text[] = [];
      for (const [type, params] of kinds) {
        const theirs = await searchEvery(me.client, type, { patient: other, ...params, _count: 100 });
        const status = theirs.first.status;
        // The citizen's own data coming back (a target ignoring the parameter) is no disclosure; anyone else's is.
        const leaked = notOwn(theirs.matches, me.self);
        if (status === 200 && leaked.length > 0)
          problems.push(
            m.othersInSearch({
              request: label(theirs.first),
              count: leaked.length,
              type,
              items: listOf(leaked, 5),
            }),
          );
        else if (status !== 200 && status !== 403 && status !== 404)
          problems.push(m.searchStatus({ request: label(theirs.first), status }));

        const unscoped = await searchEvery(me.client, type, { ...params, _count: 100 });
        if (unscoped.first.status === 200) {
          const foreign = notOwn(unscoped.matches, me.self, true);
          if (foreign.length > 0)
            problems.push(
              m.unscopedOthers({ request: label(unscoped.first), count: foreign.length, items: listOf(foreign, 5) }),
            );
        } else if (!isClientError(unscoped.first.status)) {
          problems.push(m.unscopedStatus({ request: label(unscoped.first), status: unscoped.first.status }));
        }
      }
      assertNone(problems, m.asThePatient({ self: me.self }));
    },
  },
];
