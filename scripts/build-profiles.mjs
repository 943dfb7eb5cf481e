#!/usr/bin/env node
/**
 * Builds profiles/ (the Québec profiles, value sets and code systems that
 * coreRegistry() loads) from the authored sources in scripts/profiles/:
 *
 *   scripts/profiles/StructureDefinition/*.json  differential-only StructureDefinitions
 *                                                 -> profiles/StructureDefinition/<id>.json
 *                                                    (snapshot generated + differential)
 *   scripts/profiles/ValueSet/*.json              ValueSets, copied as they are
 *   scripts/profiles/CodeSystem/*.json            CodeSystems, copied as they are (none today)
 *   scripts/profiles/tables/lab-tests.json        -> ValueSet qc-lab-tests and the LOINC
 *   scripts/profiles/tables/imaging-procedures.json  fragment CodeSystem (http://loinc.org),
 *                                                    CodeSystem + ValueSet qc-imaging-procedure
 *   src/messaging/events.ts (dist)                -> CodeSystem + ValueSet erx-event and one
 *                                                    MessageDefinition per e-prescription event
 *
 * Snapshots come from the project's own snapshot generator
 * (dist/src/validation/snapshot.js), so build the TypeScript first:
 *
 *   npx tsc -p tsconfig.json && node scripts/build-profiles.mjs          # write profiles/
 *   npx tsc -p tsconfig.json && node scripts/build-profiles.mjs --check  # exit 1 if profiles/ is stale
 *
 * Sources stay outside profiles/ on purpose: the registry loads every JSON
 * resource below profiles/, so a differential-only copy there would shadow
 * (or duplicate) the built one.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'scripts', 'profiles');
const OUT = path.join(ROOT, 'profiles');
const GENERATED_DIRS = ['StructureDefinition', 'ValueSet', 'CodeSystem', 'MessageDefinition'];

export const CANONICAL_BASE = 'https://homolog.quebec/fhir';
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const LOINC = 'http://loinc.org';
const VERSION = '0.1.0';
const DATE = '2026-11-25';
const PUBLISHER = 'homolog';
const JURISDICTION = [{ coding: [{ system: 'urn:iso:std:iso:3166:-2', code: 'CA-QC', display: 'Quebec' }] }];

export const LOINC_COPYRIGHT =
  'This material contains content from LOINC (http://loinc.org). LOINC is copyright © Regenstrief Institute, Inc. and the ' +
  'Logical Observation Identifiers Names and Codes (LOINC) Committee and is available at no cost under the license at ' +
  'http://loinc.org/license. LOINC® is a registered United States trademark of Regenstrief Institute, Inc.';

const EXPECTED_UNIT_PROPERTY = {
  code: 'expected-unit',
  uri: `${CANONICAL_BASE}/CodeSystem-property/expected-unit`,
  description:
    'The UCUM unit (code in http://unitsofmeasure.org) a result of this test is expected in, as Québec laboratories report it (SI units). ' +
    'A reported unit should be this unit or convertible to it.',
  type: 'code',
};

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function jsonFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** `_element` carrying a French (Canada) translation of a string element. */
function frTranslation(fr) {
  return { extension: [{ url: TRANSLATION, extension: [{ url: 'lang', valueCode: 'fr-CA' }, { url: 'content', valueString: fr }] }] };
}

function designations(en, fr, extraEn = []) {
  return [{ language: 'fr-CA', value: fr }, { language: 'en', value: en }, ...extraEn.map((value) => ({ language: 'en', value }))];
}

/** Common metadata of the generated terminology resources, in FHIR element order. */
function header(resourceType, id, url, name, title, description) {
  return {
    resourceType,
    id,
    url,
    version: VERSION,
    name,
    title: title.en,
    _title: frTranslation(title.fr),
    status: 'draft',
    experimental: false,
    date: DATE,
    publisher: PUBLISHER,
    description: description.en,
    _description: frTranslation(description.fr),
    jurisdiction: JURISDICTION,
  };
}

// ------------------------------------------------------------------ tables

function labResources() {
  const table = readJson(path.join(SRC, 'tables', 'lab-tests.json'));
  const tests = table.tests;
  const panels = table.panels;
  const vs = {
    ...header(
      'ValueSet',
      'qc-lab-tests',
      `${CANONICAL_BASE}/ValueSet/qc-lab-tests`,
      'QcLabTests',
      { en: 'Québec common laboratory tests (LOINC)', fr: 'Analyses de laboratoire courantes au Québec (LOINC)' },
      {
        en:
          `A useful core of ${tests.length} common laboratory tests, as LOINC codes in the units Québec laboratories report (SI), ` +
          'with French and English displays. Bound (extensible) to Observation.code in the qc-observation-lab profile. ' +
          'The expected UCUM unit of each test is the property expected-unit of its concept in the LOINC fragment CodeSystem shipped with it.',
        fr:
          `Un noyau utile de ${tests.length} analyses de laboratoire courantes, en codes LOINC dans les unités qu'utilisent les laboratoires ` +
          "du Québec (SI), avec libellés français et anglais. Lié (extensible) à Observation.code dans le profil qc-observation-lab. " +
          "L'unité UCUM attendue de chaque analyse est la propriété expected-unit de son concept dans le fragment de CodeSystem LOINC livré avec lui.",
      },
    ),
    copyright: LOINC_COPYRIGHT,
    compose: {
      include: [
        {
          system: LOINC,
          concept: tests.map((t) => ({ code: t.code, display: t.en, designation: designations(t.en, t.fr, t.alsoEn) })),
        },
      ],
    },
  };
  const imaging = readJson(path.join(SRC, 'tables', 'imaging-procedures.json'));
  const imagingLoinc = imaging.procedures.filter((p) => p.loinc).map((p) => ({ code: p.loinc.code, en: p.loinc.display, fr: p.fr }));
  const concept = (c, unit) => {
    const out = { code: c.code, display: c.en, designation: designations(c.en, c.fr, c.alsoEn) };
    if (unit) out.property = [{ code: 'expected-unit', valueCode: unit }];
    return out;
  };
  const cs = {
    ...header(
      'CodeSystem',
      'loinc-qc-fragment',
      LOINC,
      'LoincQcFragment',
      { en: 'LOINC (fragment: the codes homolog checks offline)', fr: 'LOINC (fragment : les codes que homolog vérifie hors ligne)' },
      {
        en:
          'A fragment of LOINC: the laboratory tests of the qc-lab-tests value set, a few laboratory panels and the LOINC codes the ' +
          'imaging procedures map to, with French and English displays, so that their displays can be checked offline. ' +
          'It is a fragment (content = fragment): a LOINC code it does not list is not checked, never rejected. ' +
          'Property expected-unit: the UCUM unit a result of the test is expected in.',
        fr:
          "Un fragment de LOINC : les analyses de l'ensemble de valeurs qc-lab-tests, quelques profils (panels) de laboratoire et les codes " +
          "LOINC auxquels correspondent les examens d'imagerie, avec libellés français et anglais, pour vérifier les libellés hors ligne. " +
          "C'est un fragment (content = fragment) : un code LOINC qu'il ne contient pas n'est pas vérifié, jamais rejeté. " +
          "Propriété expected-unit : l'unité UCUM attendue pour le résultat de l'analyse.",
      },
    ),
    copyright: LOINC_COPYRIGHT,
    caseSensitive: true,
    content: 'fragment',
    property: [EXPECTED_UNIT_PROPERTY],
    concept: [...tests.map((t) => concept(t, t.unit)), ...panels.map((p) => concept(p)), ...imagingLoinc.map((c) => concept(c))],
  };
  delete cs.version; // LOINC has its own versions; a coding's version must not be compared with ours.
  return [vs, cs];
}

function imagingResources() {
  const table = readJson(path.join(SRC, 'tables', 'imaging-procedures.json'));
  const url = `${CANONICAL_BASE}/CodeSystem/qc-imaging-procedure`;
  const cs = {
    ...header(
      'CodeSystem',
      'qc-imaging-procedure',
      url,
      'QcImagingProcedure',
      { en: 'Québec common imaging procedures', fr: "Examens d'imagerie médicale courants au Québec" },
      {
        en:
          `${table.procedures.length} common diagnostic imaging procedures (radiography, CT, MRI, ultrasound, mammography, densitometry, ` +
          'nuclear medicine), with French and English displays. Property modality: the modality (XR, CT, MR, US, MG, DXA, NM); ' +
          'property loinc: the LOINC (LOINC/RSNA Radiology Playbook) code of the procedure, where one was mapped.',
        fr:
          `${table.procedures.length} examens d'imagerie diagnostique courants (radiographie, tomodensitométrie, IRM, échographie, mammographie, ` +
          'ostéodensitométrie, médecine nucléaire), avec libellés français et anglais. Propriété modality : la modalité ; ' +
          'propriété loinc : le code LOINC (LOINC/RSNA Radiology Playbook) de l’examen, lorsqu’une correspondance a été établie.',
      },
    ),
    copyright: `Local code system of homolog. The LOINC codes in the property loinc: ${LOINC_COPYRIGHT}`,
    caseSensitive: true,
    valueSet: `${CANONICAL_BASE}/ValueSet/qc-imaging-procedure`,
    content: 'complete',
    count: table.procedures.length,
    property: [
      { code: 'modality', uri: `${CANONICAL_BASE}/CodeSystem-property/modality`, description: 'Imaging modality: XR, CT, MR, US, MG, DXA, NM', type: 'code' },
      { code: 'loinc', uri: `${CANONICAL_BASE}/CodeSystem-property/loinc`, description: 'Equivalent LOINC code (LOINC/RSNA Radiology Playbook)', type: 'code' },
    ],
    concept: table.procedures.map((p) => ({
      code: p.code,
      display: p.en,
      designation: designations(p.en, p.fr),
      property: [{ code: 'modality', valueCode: p.modality }, ...(p.loinc ? [{ code: 'loinc', valueCode: p.loinc.code }] : [])],
    })),
  };
  const mapped = table.procedures.filter((p) => p.loinc);
  const vs = {
    ...header(
      'ValueSet',
      'qc-imaging-procedure',
      `${CANONICAL_BASE}/ValueSet/qc-imaging-procedure`,
      'QcImagingProcedure',
      { en: 'Québec imaging procedures', fr: "Examens d'imagerie médicale (Québec)" },
      {
        en:
          'Codes for the imaging report (DiagnosticReport.code of qc-diagnosticreport-imaging): every code of the local code system ' +
          `qc-imaging-procedure, and the ${mapped.length} LOINC codes those procedures map to.`,
        fr:
          "Codes du rapport d'imagerie (DiagnosticReport.code de qc-diagnosticreport-imaging) : tous les codes du système local " +
          `qc-imaging-procedure, et les ${mapped.length} codes LOINC auxquels ces examens correspondent.`,
      },
    ),
    copyright: LOINC_COPYRIGHT,
    compose: {
      include: [
        { system: url },
        { system: LOINC, concept: mapped.map((p) => ({ code: p.loinc.code, display: p.loinc.display, designation: designations(p.loinc.display, p.fr) })) },
      ],
    },
  };
  return [cs, vs];
}

// ------------------------------------------------------ e-prescription events

/** The erx event CodeSystem, its ValueSet and one MessageDefinition per event, from src/messaging/events.ts. */
async function erxResources() {
  const { ERX_EVENTS, ERX_EVENT_SYSTEM, ERX_EVENT_VALUE_SET, erxMessageDefinitionUrl } = await import(
    pathToFileURL(path.join(ROOT, 'dist', 'src', 'messaging', 'events.js')).href
  );
  const cs = {
    ...header(
      'CodeSystem',
      'erx-event',
      ERX_EVENT_SYSTEM,
      'ErxEvent',
      { en: 'Québec e-prescription message events', fr: 'Événements des messages de prescription électronique (Québec)' },
      {
        en:
          'The events of the e-prescription messages exchanged between prescribers’ EMRs and pharmacy systems through the switch ' +
          '(MessageHeader.event). Each has a MessageDefinition naming its focus. Acknowledgements and error answers are responses ' +
          '(MessageHeader.response), not events of their own.',
        fr:
          'Les événements des messages de prescription électronique échangés entre les DME des prescripteurs et les systèmes de pharmacie ' +
          'par le commutateur (MessageHeader.event). Chacun a une MessageDefinition qui nomme son focus. Les accusés de réception et les ' +
          'réponses d’erreur sont des réponses (MessageHeader.response), pas des événements.',
      },
    ),
    caseSensitive: true,
    valueSet: ERX_EVENT_VALUE_SET,
    content: 'complete',
    count: ERX_EVENTS.length,
    concept: ERX_EVENTS.map((e) => ({
      code: e.code,
      display: e.display.en,
      definition: e.definition.en,
      designation: designations(e.display.en, e.display.fr),
    })),
  };
  const vs = {
    ...header(
      'ValueSet',
      'erx-event',
      ERX_EVENT_VALUE_SET,
      'ErxEvent',
      { en: 'Québec e-prescription message events', fr: 'Événements des messages de prescription électronique (Québec)' },
      {
        en: 'Every code of the erx-event code system: the events a Québec e-prescription MessageHeader names.',
        fr: 'Tous les codes du système erx-event : les événements que nomme l’en-tête d’un message de prescription électronique québécois.',
      },
    ),
    compose: { include: [{ system: ERX_EVENT_SYSTEM }] },
  };
  const definitions = ERX_EVENTS.map((e) => {
    const md = {
      ...header('MessageDefinition', `erx-${e.code}`, erxMessageDefinitionUrl(e.code), `Erx${e.code.replace(/(^|-)(\w)/g, (_, _d, c) => c.toUpperCase())}`, {
        en: `E-prescription message: ${e.display.en}`,
        fr: `Message de prescription électronique : ${e.display.fr}`,
      }, e.definition),
      eventCoding: { system: ERX_EVENT_SYSTEM, code: e.code, display: e.display.en },
      category: e.category,
      focus: [{ code: e.focus.type, profile: e.focus.profile, min: 1, max: '1' }],
      responseRequired: e.responseRequired,
    };
    if (e.answeredBy) md.allowedResponse = [{ message: erxMessageDefinitionUrl(e.answeredBy) }];
    return md;
  });
  return [cs, vs, ...definitions];
}

// -------------------------------------------------------- structure definitions

async function structureDefinitions() {
  const { coreRegistry } = await import(pathToFileURL(path.join(ROOT, 'dist', 'src', 'validation', 'registry.js')).href);
  const { snapshotOf } = await import(pathToFileURL(path.join(ROOT, 'dist', 'src', 'validation', 'snapshot.js')).href);
  const authored = jsonFiles(path.join(SRC, 'StructureDefinition')).map(readJson);
  // A layer over core R4 (+ whatever profiles/ holds now) in which the authored, differential-only versions win.
  const registry = coreRegistry().layer();
  for (const sd of authored) registry.add(sd);
  const out = [];
  const problems = [];
  for (const sd of authored) {
    if (sd.snapshot) problems.push(`${sd.id}: the authored StructureDefinition must not carry a snapshot`);
    const result = snapshotOf(sd, registry);
    for (const p of result.problems) problems.push(`${sd.id}: ${p}`);
    const { differential, ...rest } = sd;
    out.push({ ...rest, snapshot: { element: result.elements }, differential });
  }
  if (problems.length) throw new Error(`snapshot generation failed:\n  ${problems.join('\n  ')}`);
  return out;
}

// ---------------------------------------------------------------------- main

function copied(kind) {
  return jsonFiles(path.join(SRC, kind)).map(readJson);
}

export async function buildAll() {
  const resources = [
    ...(await structureDefinitions()),
    ...copied('ValueSet'),
    ...copied('CodeSystem'),
    ...labResources(),
    ...imagingResources(),
    ...(await erxResources()),
  ];
  const files = new Map();
  for (const r of resources) {
    if (!GENERATED_DIRS.includes(r.resourceType)) throw new Error(`unexpected resource type ${r.resourceType}`);
    const rel = path.join(r.resourceType, `${r.id}.json`);
    if (files.has(rel)) throw new Error(`two resources would be written to profiles/${rel}`);
    files.set(rel, `${JSON.stringify(r, null, 2)}\n`);
  }
  return files;
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await buildAll();
  const stale = [];
  for (const [rel, text] of files) {
    const file = path.join(OUT, rel);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    stale.push(`${current === undefined ? 'missing' : 'outdated'}: profiles/${rel}`);
    if (!check) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  for (const dir of GENERATED_DIRS) {
    for (const file of jsonFiles(path.join(OUT, dir))) {
      const rel = path.relative(OUT, file);
      if (files.has(rel)) continue;
      stale.push(`not generated (stale): profiles/${rel}`);
      if (!check) unlinkSync(file);
    }
  }
  if (check) {
    if (stale.length) {
      process.stderr.write(`profiles/ is out of date with scripts/profiles/ (run node scripts/build-profiles.mjs):\n  ${stale.join('\n  ')}\n`);
      process.exitCode = 1;
    } else process.stdout.write(`profiles/ is up to date (${files.size} resources)\n`);
  } else {
    process.stdout.write(`${files.size} resources in profiles/ (${stale.length} written or removed)\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
