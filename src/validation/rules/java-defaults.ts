/**
 * What the HL7 Java validator does by default beyond the structure
 * definitions: profiles it implies (the core vital-signs profiles on an
 * Observation coded as a vital sign, BasePolicyAdvisorForFullValidation
 * getImpliedProfilesForObservation) and HTML-like tags in markdown
 * (InstanceValidator, MarkDownProcessor.preProcess).
 */
import type { Json } from './util.js';

/** Java's defaults, each with a way to turn it off or make it stricter. */
export interface JavaDefaultOptions {
  /** Apply the profiles the FHIR specification implies (vital signs on an Observation coded as one), as Java does; default true. */
  implicitProfiles?: boolean;
  /** HTML-like tags in markdown: a warning by default, as in Java; `error` as Java's noHtmlInMarkdown. */
  htmlInMarkdown?: 'none' | 'warning' | 'error';
  /** Every reference outside the resource must resolve (in its Bundle), as Java's CHECK_EXISTS reference policies; default false. */
  referencesMustResolve?: boolean;
}

/** The options set in `o`, to hand over to the walker. */
export function javaDefaultOptions(o: JavaDefaultOptions): JavaDefaultOptions {
  return {
    ...(o.implicitProfiles !== undefined ? { implicitProfiles: o.implicitProfiles } : {}),
    ...(o.htmlInMarkdown ? { htmlInMarkdown: o.htmlInMarkdown } : {}),
    ...(o.referencesMustResolve !== undefined ? { referencesMustResolve: o.referencesMustResolve } : {}),
  };
}

const SD = 'http://hl7.org/fhir/StructureDefinition/';

/** Java's code lists, in its order: the first matching list decides (LOINC first, then SNOMED CT). */
const LOINC_VITALS: readonly (readonly [string, readonly string[]])[] = [
  ['vitalspanel', ['85353-1']],
  ['resprate', ['9279-1', '76170-0', '76172-6', '76171-8', '19840-8', '33438-3', '76270-8', '11291-2']],
  [
    'heartrate',
    [
      '60978-4',
      '73795-7',
      '73799-9',
      '76476-1',
      '76477-9',
      '8867-4',
      '8889-8',
      '8890-6',
      '8891-4',
      '8892-2',
      '8893-0',
      '40443-4',
      '55425-3',
      '68999-2',
      '11328-2',
      '69000-8',
      '8886-4',
    ],
  ],
  [
    'oxygensat',
    [
      '2708-6',
      '19224-5',
      '20564-1',
      '2709-4',
      '2710-2',
      '2713-6',
      '51733-4',
      '59408-5',
      '59417-6',
      '89276-0',
      '97549-0',
    ],
  ],
  [
    'bodytemp',
    [
      '8310-5',
      '60834-9',
      '60835-6',
      '60836-4',
      '60838-0',
      '60955-2',
      '61009-7',
      '75539-7',
      '75987-8',
      '76010-8',
      '76011-6',
      '76278-1',
      '8309-7',
      '8328-7',
      '8329-5',
      '8330-3',
      '8331-1',
      '8332-9',
      '8333-7',
      '8334-5',
      '91371-5',
      '98657-0',
      '98663-8',
    ],
  ],
  ['bodyheight', ['8302-2', '3137-7', '3138-5', '8306-3', '8308-9']],
  ['headcircum', ['9843-4', '8287-5']],
  ['bodyweight', ['29463-7', '3141-9', '3142-7', '75292-3', '79348-9', '8350-1', '8351-9']],
  ['bmi', ['39156-5', '89270-3']],
  ['bp', ['85354-9', '35094-2', '8459-0', '76534-7', '55284-4', '8480-6']],
];

const SCT_VITALS: readonly (readonly [string, readonly string[]])[] = [
  ['vitalspanel', ['46680005']],
  ['resprate', ['86290005', '271625008', '271306003']],
  ['heartrate', ['271306003', '249043002', '444981005', '399017001', '251670001', '429525003', '429614003']],
  ['oxygensat', ['442476006', '431314004']],
  [
    'bodytemp',
    [
      '386725007',
      '276885007',
      '300076005',
      '1222808002',
      '364246006',
      '307047009',
      '708499008',
      '431598003',
      '698831002',
      '698832009',
      '415882003',
      '415974002',
      '415929009',
      '415945006',
    ],
  ],
  ['bodyheight', ['1153637007', '1162419008', '50373000', '1162418000', '1230278008', '1162392001', '1162417005']],
  ['headcircum', ['363812007', '169876006', '1269262007', '363811000']],
  ['bodyweight', ['735395000', '425024002', '424927000', '784399000', '1162416001', '1162415002']],
  ['bmi', ['60621009']],
  [
    'bp',
    [
      '251076008',
      '163033001',
      '163035008',
      '386534000',
      '386536003',
      '271649006',
      '271650006',
      '407556006',
      '407554009',
      '716579001',
      '399304008',
    ],
  ],
];

function codesOf(code: unknown, system: string): string[] {
  if (!code || typeof code !== 'object' || Array.isArray(code)) return [];
  const codings = (code as Json).coding;
  if (!Array.isArray(codings)) return [];
  const out: string[] = [];
  for (const c of codings) {
    if (c && typeof c === 'object' && (c as Json).system === system && typeof (c as Json).code === 'string')
      out.push((c as Json).code as string);
  }
  return out;
}

function firstMatch(codes: readonly string[], table: typeof LOINC_VITALS): string | undefined {
  if (!codes.length) return undefined;
  for (const [name, list] of table) if (codes.some((c) => list.includes(c))) return SD + name;
  return undefined;
}

/**
 * The core vital-signs profile the FHIR specification requires of this
 * Observation because of its code (at most one, as Java picks the first list
 * that matches), or undefined.
 */
export function impliedVitalSignsProfile(observation: Json): string | undefined {
  return (
    firstMatch(codesOf(observation.code, 'http://loinc.org'), LOINC_VITALS) ??
    firstMatch(codesOf(observation.code, 'http://snomed.info/sct'), SCT_VITALS)
  );
}

/** An opening or closing tag (`<b>`, `</p>`) not escaped by a backslash, or `<!`/`<?` (comments, declarations). */
const HTML_TAG = /(?<!\\)<\/?[A-Za-z][A-Za-z0-9-]*[\s>]|<[!?]/;

/**
 * Where markdown holds what looks like embedded HTML: the two characters at
 * the first tag (as Java quotes them), or the whole text when the tag is at
 * its very end; undefined when there is none.
 */
export function markdownHtml(raw: string): string | undefined {
  const m = HTML_TAG.exec(raw);
  if (!m) return undefined;
  return m.index < raw.length - 1 ? raw.slice(m.index, m.index + 2) : raw;
}
