/**
 * The CapabilityStatement of the reference target, built from what the server
 * really does: the served types, their interactions and the search parameters
 * search-params.ts honours. The capability faults bend it here.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { CREATABLE_TYPES, SERVED_TYPES, type ServedType, UPDATABLE_TYPES } from './definitions.js';
import type { ActiveFaults, FaultDefinition } from './faults.js';
import { conditionalReadSupport } from './read.js';
import { searchParamsOf } from './search-params.js';
import { NO_TRANSACTION } from './transaction.js';
import type { ActiveVariations } from './variations.js';

export const WRONG_FHIR_VERSION = {
  name: 'wrong-fhir-version',
  suite: 'fhir-core',
  breaks: 'FC-CAP-02',
  description: {
    fr: 'Le CapabilityStatement déclare fhirVersion 4.0.0 au lieu de 4.0.1.',
    en: 'The CapabilityStatement declares fhirVersion 4.0.0 instead of 4.0.1.',
  },
} as const satisfies FaultDefinition;

export const CAPABILITY_NO_JSON = {
  name: 'capability-no-json',
  suite: 'fhir-core',
  breaks: 'FC-CAP-03',
  description: {
    fr: 'Le CapabilityStatement ne déclare que le format xml (il reste servi en JSON).',
    en: 'The CapabilityStatement declares only the xml format (it is still served as JSON).',
  },
} as const satisfies FaultDefinition;

export const CAPABILITY_NO_RESOURCES = {
  name: 'capability-no-resources',
  suite: 'fhir-core',
  breaks: 'FC-CAP-04',
  description: {
    fr: 'Le CapabilityStatement ne liste aucune ressource (rest[0].resource absent).',
    en: 'The CapabilityStatement lists no resource (rest[0].resource absent).',
  },
} as const satisfies FaultDefinition;

export const SOFTWARE_NAME = 'homolog reference target';
export const SOFTWARE_VERSION = '0.1.0';

export function buildCapabilityStatement(
  baseUrl: string,
  startedAt: Date,
  faults: ActiveFaults,
  variations: ActiveVariations,
): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    id: 'homolog-reference',
    name: 'HomologReferenceTarget',
    title: 'homolog reference target (FHIR R4)',
    status: 'active',
    experimental: true,
    date: startedAt.toISOString(),
    publisher: 'homolog',
    description:
      'Built-in reference target of homolog: a FHIR R4 server with synthetic Québec-style data, used to demonstrate and test the conformance suites.',
    kind: 'instance',
    software: { name: SOFTWARE_NAME, version: SOFTWARE_VERSION },
    implementation: { description: 'homolog reference target', url: baseUrl },
    // R4's value set stops at 3.0.1 for STU3; the fault names STU3's last release anyway.
    // 4.0.0 is a valid FHIRVersion code (the CapabilityStatement stays valid R4) but not the release homologated.
    fhirVersion: faults.has(WRONG_FHIR_VERSION) ? '4.0.0' : '4.0.1',
    format: faults.has(CAPABILITY_NO_JSON) ? ['xml'] : ['json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation: `Read, vread, history and search (GET) of every type; create (conditional with If-None-Exist) of ${CREATABLE_TYPES.join(', ')}; update (If-Match) of ${UPDATABLE_TYPES.join(', ')}; transaction and batch Bundles on [base] (authority role when access control is on). A created or updated MedicationDispense must conform to qc-medicationdispense. JSON only.`,
        security: {
          description:
            'Requests may carry no credentials; a request that carries an Authorization header must use a Bearer token issued by this target.',
        },
        // Loading test data (homolog fixtures): POST [base] with a transaction or batch Bundle.
        interaction: variations.has(NO_TRANSACTION)
          ? [{ code: 'batch' }]
          : [{ code: 'transaction' }, { code: 'batch' }],
        // Omitted rather than empty: an empty array would also break base R4 (no empty arrays).
        ...(faults.has(CAPABILITY_NO_RESOURCES)
          ? {}
          : {
              resource: SERVED_TYPES.map((type) =>
                resourceCapability(type, conditionalReadSupport(faults, variations)),
              ),
            }),
      },
    ],
  };
}

type InteractionCode = NonNullable<NonNullable<CapabilityStatementRestResource['interaction']>[number]['code']>;

function resourceCapability(
  type: ServedType,
  conditionalRead: CapabilityStatementRestResource['conditionalRead'],
): CapabilityStatementRestResource {
  const creatable = CREATABLE_TYPES.includes(type);
  const updatable = UPDATABLE_TYPES.includes(type);
  const interactions: InteractionCode[] = ['read', 'vread', 'history-instance', 'search-type'];
  if (creatable) interactions.push('create');
  if (updatable) interactions.push('update');
  return {
    type,
    profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
    interaction: interactions.map((code) => ({ code })),
    // versioned-update: an update may carry If-Match, and a stale one is refused 412.
    versioning: updatable ? 'versioned-update' : 'versioned',
    readHistory: true,
    updateCreate: false,
    ...(creatable ? { conditionalCreate: true } : {}),
    conditionalRead,
    searchParam: [...searchParamsOf(type).values()].map((sp) => ({
      name: sp.code ?? '',
      ...(sp.url === undefined ? {} : { definition: sp.url }),
      type: sp.type ?? 'token',
    })),
  };
}
