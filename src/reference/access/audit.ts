/**
 * AuditEvents of the reference target: every access to patient data, allowed
 * or refused (401, 403), is recorded in the repository, shaped after the
 * profiles' qc-auditevent (base R4: type rest, subtype the RESTful
 * interaction, action, recorded, outcome 0/4/8, agent, source, entity).
 */
import { randomUUID } from 'node:crypto';
import type { AuditEvent, AuditEventEntity } from '@medplum/fhirtypes';
import type { FaultDefinition } from '../faults.js';
import type { TargetState } from '../state.js';

export const NO_AUDIT = {
  name: 'no-audit',
  suite: 'access',
  breaks: 'AC-AUD-01',
  description: {
    fr: 'Les accès permis ne sont pas journalisés (aucun AuditEvent); seuls les refus le sont.',
    en: 'Allowed accesses are not audited (no AuditEvent); only refused ones are.',
  },
  alsoBreaks: { 'dsq-pharmacy': ['PH-ACC-03'] },
} as const satisfies FaultDefinition;

export const DENIED_NOT_AUDITED = {
  name: 'denied-not-audited',
  suite: 'access',
  breaks: 'AC-AUD-02',
  description: {
    fr: 'Seuls les accès permis sont journalisés; les accès refusés (401, 403) ne le sont pas.',
    en: 'Only allowed accesses are audited; refused ones (401, 403) are not.',
  },
} as const satisfies FaultDefinition;

export const QC_AUDITEVENT_PROFILE = 'https://homolog.quebec/fhir/StructureDefinition/qc-auditevent';

export interface AuditInfo {
  /** FHIR restful-interaction code. */
  interaction: 'read' | 'vread' | 'history-instance' | 'search-type' | 'create' | 'update';
  /** The client (or static token's role) that asked; undefined when no valid token was sent. */
  agent: { clientId: string; role: string } | undefined;
  /** `Type/id` of the resource read, created or updated, when known. */
  resource?: string;
  /** The patient concerned, when known. */
  patientId?: string;
  /** The query of a search, e.g. `Observation?patient=x`. */
  query?: string;
}

const ACTION: Record<AuditInfo['interaction'], AuditEvent['action']> = {
  read: 'R',
  vread: 'R',
  'history-instance': 'R',
  'search-type': 'E',
  create: 'C',
  update: 'U',
};

/** 0 success, 4 minor failure (refused: 4xx), 8 serious failure (5xx). */
function outcomeOf(status: number): AuditEvent['outcome'] {
  return status < 400 ? '0' : status < 500 ? '4' : '8';
}

export async function recordAudit(state: TargetState, info: AuditInfo, status: number, detail?: string): Promise<void> {
  // The two audit faults are mirror images: no-audit drops the allowed accesses, denied-not-audited the refused ones.
  if (status < 400 && state.faults.has(NO_AUDIT)) return;
  if (status >= 400 && state.faults.has(DENIED_NOT_AUDITED)) return;
  const recorded = new Date().toISOString();
  const entity: AuditEventEntity[] = [];
  if (info.patientId !== undefined) {
    entity.push({
      what: { reference: `Patient/${info.patientId}` },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
    });
  }
  if (info.resource !== undefined && info.resource !== `Patient/${info.patientId ?? ''}`) {
    entity.push({
      what: { reference: info.resource },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
    });
  }
  if (info.query !== undefined) {
    entity.push({
      what: { display: info.query },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '24', display: 'Query' },
      query: Buffer.from(info.query, 'utf8').toString('base64'),
    });
  }
  const agentId = info.agent?.clientId ?? 'anonymous';
  const event: AuditEvent = {
    resourceType: 'AuditEvent',
    id: randomUUID(),
    meta: { versionId: '1', lastUpdated: recorded, profile: [QC_AUDITEVENT_PROFILE] },
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: 'rest',
      display: 'RESTful Operation',
    },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: info.interaction, display: info.interaction }],
    action: ACTION[info.interaction],
    recorded,
    outcome: outcomeOf(status),
    outcomeDesc: detail ?? `HTTP ${status}`,
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
              code: 'IRCP',
              display: 'information recipient',
            },
          ],
        },
        who: {
          reference: `Device/${agentId}`,
          display:
            info.agent === undefined ? 'anonymous (no valid token)' : `${info.agent.clientId} (${info.agent.role})`,
        },
        altId: agentId,
        ...(info.agent === undefined ? {} : { role: [{ text: info.agent.role }] }),
        requestor: true,
        network: { address: '127.0.0.1', type: '2' },
      },
    ],
    source: {
      site: 'homolog',
      observer: { display: 'homolog reference target' },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    ...(entity.length > 0 ? { entity } : {}),
  };
  await state.repo.createResource(event);
}
