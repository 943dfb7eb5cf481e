/**
 * The e-prescription messages: every builder's output validates clean
 * against the Québec erx message profile (no error, no warning), the readers
 * find its parts, and each message rule fails on a broken message and passes
 * on the valid one, with the Java validator's severity for the generic rules.
 */
import type { Bundle, MessageDefinition, MessageHeader, OperationOutcome } from '@medplum/fhirtypes';
import { expect } from 'chai';
import {
  acknowledgement,
  answering,
  cancelRequest,
  cancelResponse,
  dispenseNotification,
  ERX_ENDPOINTS,
  ERX_EVENT_SYSTEM,
  ERX_EVENTS,
  ERX_MESSAGE_PROFILE,
  errorResponse,
  erxEventOf,
  erxMessageDefinitionUrl,
  eventOf,
  focusOf,
  isAcknowledgement,
  messageHeaderOf,
  newPrescription,
  renewalRequest,
  renewalResponse,
  respondsTo,
  sampleDispense,
  samplePrescription,
} from '../../src/messaging/index.js';
import { definitionFileDigests } from '../../src/run/identity.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { coreRegistry } from '../../src/validation/registry.js';
import { createValidator } from '../../src/validation/setup.js';
import { EMR, PHARMACY } from '../support/erx.js';

type Json = Record<string, unknown>;

const validator = createValidator().validator;

const show = (issues: readonly ValidationIssue[]): string =>
  issues.map((i) => `${i.severity} ${i.expression}: ${i.message}`).join('\n');
const problems = (issues: readonly ValidationIssue[]): ValidationIssue[] =>
  issues.filter((i) => i.severity !== 'information');

/** The messages of every kind, each as a builder makes it. */
function everyMessage(): Record<string, Bundle> {
  const rx = samplePrescription();
  const renewal = renewalRequest(PHARMACY, rx);
  const cancel = cancelRequest(EMR, rx);
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code: 'invalid', diagnostics: 'The first entry in a message must be a MessageHeader' },
    ],
  };
  const received = answering(newPrescription(EMR, rx));
  if (!received) throw new Error('the new prescription has no MessageHeader id or event');
  const cancelled = cancelResponse(
    PHARMACY,
    { ...rx, request: { ...rx.request, status: 'cancelled' } },
    answering(cancel)!,
  );
  return {
    'new prescription': newPrescription(EMR, rx),
    'renewal request': renewal,
    'renewal response': renewalResponse(EMR, rx, answering(renewal)!),
    'cancel request': cancel,
    'cancel response': cancelled,
    'dispense notification': dispenseNotification(PHARMACY, sampleDispense(rx)),
    acknowledgement: acknowledgement(PHARMACY, received),
    // It names the event it acknowledges, a response event here, and has no focus of its own.
    'acknowledgement of a cancel response': acknowledgement(EMR, answering(cancelled)!),
    'error response': errorResponse(PHARMACY, received, outcome),
  };
}

const header = (b: Bundle): MessageHeader => messageHeaderOf(b) as MessageHeader;
const entries = (b: Bundle): Json[] => b.entry as unknown as Json[];
/** The message without its profile claim: the generic rules only. */
const generic = (b: Bundle): Json => {
  const { meta: _meta, ...rest } = b as unknown as Json;
  return rest;
};

describe('e-prescription messages: builders', () => {
  for (const [kind, bundle] of Object.entries(everyMessage())) {
    it(`the ${kind} is a message Bundle that validates clean against the Québec erx profile`, () => {
      expect(bundle.type).to.equal('message');
      expect(bundle.meta?.profile).to.deep.equal([ERX_MESSAGE_PROFILE]);
      expect(header(bundle).resourceType).to.equal('MessageHeader');
      const issues = validator.validate(bundle);
      expect(problems(issues), show(issues)).to.deep.equal([]);
      // Explicitly given too (no claim).
      const given = validator.validate(generic(bundle), { profiles: [ERX_MESSAGE_PROFILE] });
      expect(problems(given), show(given)).to.deep.equal([]);
    });
  }

  it('gives each message, entry and MessageHeader a fresh id, and each entry a urn:uuid fullUrl', () => {
    const a = newPrescription(EMR, samplePrescription());
    const b = newPrescription(EMR, samplePrescription());
    expect(a.id).to.not.equal(b.id);
    expect(header(a).id).to.not.equal(header(b).id);
    const urls = entries(a).map((e) => e.fullUrl as string);
    for (const u of urls) expect(u).to.match(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(new Set(urls).size).to.equal(urls.length);
    expect(urls[0]).to.equal(`urn:uuid:${header(a).id}`);
  });

  it('a retry reuses the MessageHeader id it is given', () => {
    const first = newPrescription(EMR, samplePrescription());
    const retry = newPrescription({ ...EMR, id: header(first).id as string }, samplePrescription());
    expect(header(retry).id).to.equal(header(first).id);
  });

  it('carries the Québec content: NAM, licence number, DIN, UCUM dosage, the source software and version', () => {
    const b = newPrescription(EMR, samplePrescription());
    const text = JSON.stringify(b);
    expect(text).to.contain('ca-qc-patient-healthcare-id').and.contain('NamingSystem/cmq').and.contain('ca-hc-din');
    expect(text).to.contain('"system":"http://unitsofmeasure.org","code":"{tbl}"');
    expect(header(b).source).to.deep.include({
      software: 'DME Exemple',
      version: '4.2.1',
      endpoint: ERX_ENDPOINTS.prescriber,
    });
    expect(header(b).destination?.[0]?.endpoint).to.equal(ERX_ENDPOINTS.pharmacy);
    expect(entries(b).map((e) => (e.resource as Json).resourceType)).to.deep.equal([
      'MessageHeader',
      'Patient',
      'Practitioner',
      'Organization',
      'PractitionerRole',
      'MedicationRequest',
    ]);
  });

  it('the dispense notification refers to the prescription it fills, inside the Bundle', () => {
    const b = dispenseNotification(PHARMACY, sampleDispense());
    const [dispense] = focusOf(b) as unknown as Json[];
    expect(dispense?.resourceType).to.equal('MedicationDispense');
    const ref = ((dispense?.authorizingPrescription as Json[] | undefined)?.[0] as Json | undefined)?.reference;
    const target = entries(b).find((e) => e.fullUrl === ref)?.resource as Json | undefined;
    expect(target?.resourceType).to.equal('MedicationRequest');
  });
});

describe('e-prescription messages: definitions in profiles/', () => {
  it('the registry resolves the profiles, the event code system and a MessageDefinition per event', () => {
    const registry = coreRegistry();
    expect(registry.structureDefinition(ERX_MESSAGE_PROFILE)?.type).to.equal('Bundle');
    expect(registry.codeSystem(ERX_EVENT_SYSTEM)?.concept?.map((c) => c.code)).to.deep.equal(
      ERX_EVENTS.map((e) => e.code),
    );
    for (const e of ERX_EVENTS) {
      const md = registry.resolve<MessageDefinition>(erxMessageDefinitionUrl(e.code));
      expect(md?.focus?.[0]?.code, e.code).to.equal(e.focus.type);
      expect(md?.eventCoding?.code).to.equal(e.code);
    }
  });

  it('the certification identity (digests of profiles/) covers them', async () => {
    const paths = (await definitionFileDigests()).map((d) => d.path);
    expect(paths).to.include.members([
      'profiles/StructureDefinition/erx-message.json',
      'profiles/StructureDefinition/erx-messageheader.json',
      'profiles/CodeSystem/erx-event.json',
      'profiles/ValueSet/erx-event.json',
      ...ERX_EVENTS.map((e) => `profiles/MessageDefinition/erx-${e.code}.json`),
    ]);
  });
});

describe('e-prescription messages: readers', () => {
  const all = everyMessage();

  it('eventOf, erxEventOf and focusOf read the event and the focus', () => {
    const b = all['new prescription']!;
    expect(eventOf(b)).to.deep.include({ system: ERX_EVENT_SYSTEM, code: 'prescription-new' });
    expect(erxEventOf(b)).to.equal('prescription-new');
    expect(focusOf(b).map((r) => r.resourceType)).to.deep.equal(['MedicationRequest']);
  });

  it('respondsTo names the message answered; isAcknowledgement tells an acknowledgement from a response event', () => {
    const ack = all.acknowledgement!;
    expect(respondsTo(ack)?.code).to.equal('ok');
    expect(isAcknowledgement(ack)).to.equal(true);
    expect(isAcknowledgement(all['renewal response'])).to.equal(false);
    expect(respondsTo(all['renewal response'])?.identifier).to.equal(header(all['renewal request']!).id);
    expect(isAcknowledgement(all['error response'])).to.equal(false);
    expect(respondsTo(all['error response'])?.code).to.equal('fatal-error');
    expect(respondsTo(all['new prescription'])).to.equal(undefined);
  });

  it('answer undefined on anything that is not a message', () => {
    for (const x of [
      undefined,
      null,
      'x',
      [],
      {},
      { resourceType: 'Bundle' },
      { resourceType: 'Bundle', entry: [{}] },
    ]) {
      expect(messageHeaderOf(x)).to.equal(undefined);
      expect(eventOf(x)).to.equal(undefined);
      expect(focusOf(x)).to.deep.equal([]);
      expect(respondsTo(x)).to.equal(undefined);
      expect(answering(x)).to.equal(undefined);
    }
  });

  it('every event has French and English displays and its focus type', () => {
    for (const e of ERX_EVENTS) {
      expect(e.display.fr).to.not.equal(e.display.en);
      expect(['MedicationRequest', 'MedicationDispense']).to.include(e.focus.type);
    }
  });
});

interface RuleCase {
  rule: string;
  break: (b: Json) => void;
  severity: 'error' | 'warning' | 'information';
  at: string;
  says: RegExp;
  /** Only with the Québec profile (else: the generic rules, without the claim). */
  quebec?: boolean;
}

const mh = (b: Json): Json => (entries(b as unknown as Bundle)[0] as Json).resource as Json;
/** The first entry of that resource type, and its resource. */
const entryOf = (b: Json, type: string): { fullUrl: string; resource: Json } =>
  entries(b as unknown as Bundle).find((e) => (e.resource as Json).resourceType === type) as {
    fullUrl: string;
    resource: Json;
  };
const danglingSubject = (b: Json): void => {
  entryOf(b, 'MedicationRequest').resource.subject = { reference: 'Patient/elsewhere' };
};

const RULES: RuleCase[] = [
  {
    rule: 'MessageHeader first (bdl-12)',
    break: (b) => {
      const list = b.entry as Json[];
      list.push(list.shift() as Json);
    },
    severity: 'error',
    at: 'Bundle',
    says: /bdl-12: 'A message must have a MessageHeader as the first resource'/,
  },
  {
    rule: 'the focus resolves inside the Bundle',
    break: (b) => {
      mh(b).focus = [{ reference: 'urn:uuid:0b7f3b8e-0000-4000-8000-000000000000' }];
    },
    severity: 'error',
    at: 'Bundle.entry[0].resource.focus[0]',
    says: /Can't find 'urn:uuid:0b7f3b8e-0000-4000-8000-000000000000' in the bundle \(MessageHeader Data\)/,
  },
  {
    rule: 'a relative focus that resolves nowhere',
    break: (b) => {
      mh(b).focus = [{ reference: 'MedicationRequest/absent' }];
    },
    severity: 'error',
    at: 'Bundle.entry[0].resource.focus[0]',
    says: /Can't find 'MedicationRequest\/absent' in the bundle/,
  },
  {
    rule: 'every reference resolves inside the Bundle (generic: a hint, as Java)',
    break: danglingSubject,
    severity: 'information',
    at: 'Bundle.entry[5].resource.subject',
    says: /Can't find 'Patient\/elsewhere' in the bundle/,
  },
  {
    rule: 'every reference resolves inside the Bundle (Québec: an error)',
    quebec: true,
    break: danglingSubject,
    severity: 'error',
    at: 'Bundle.entry[5].resource.subject',
    says: /Can't find 'Patient\/elsewhere' in the bundle/,
  },
  {
    rule: 'an entry unreachable from the MessageHeader',
    break: (b) => {
      (b.entry as Json[]).push({
        fullUrl: 'urn:uuid:2d5c8a41-0000-4000-8000-000000000000',
        resource: {
          resourceType: 'Basic',
          id: 'x',
          text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
          code: { text: 'x' },
        },
      });
    },
    severity: 'warning',
    at: 'Bundle.entry[6]',
    says: /Entry 'urn:uuid:2d5c8a41-0000-4000-8000-000000000000' isn't reachable/,
  },
  {
    rule: 'entry fullUrls unique (bdl-7)',
    break: (b) => {
      const list = b.entry as Json[];
      (list[2] as Json).fullUrl = (list[1] as Json).fullUrl;
    },
    severity: 'error',
    at: 'Bundle',
    says: /bdl-7/,
  },
  {
    rule: 'a message has entries',
    break: (b) => {
      b.entry = [];
    },
    severity: 'error',
    at: 'Bundle',
    says: /Documents or Messages must contain at least one entry/,
  },
  {
    rule: 'a response carries response.identifier',
    break: (b) => {
      mh(b).response = { code: 'ok' };
    },
    severity: 'error',
    at: 'Bundle.entry[0].resource.response',
    says: /MessageHeader\.response\.identifier: minimum required = 1/,
  },
  {
    rule: 'a response event answers a message (Québec)',
    quebec: true,
    break: (b) => {
      mh(b).eventCoding = { system: ERX_EVENT_SYSTEM, code: 'prescription-renewal-response' };
      mh(b).definition = undefined;
    },
    severity: 'error',
    at: 'Bundle.entry[0].resource',
    says: /The event 'prescription-renewal-response' answers a message: MessageHeader\.response/,
  },
  {
    rule: 'the event is of the erx code system (Québec)',
    quebec: true,
    break: (b) => {
      mh(b).eventCoding = { system: 'urn:other', code: 'prescription-new' };
    },
    severity: 'error',
    at: 'Bundle.entry[0].resource.event',
    says: /is not an e-prescription event/,
  },
  {
    rule: 'the source names its software and version (Québec)',
    quebec: true,
    break: (b) => {
      const source = mh(b).source as Json;
      delete source.software;
      delete source.version;
    },
    severity: 'error',
    at: 'Bundle.entry[0].resource.source',
    says: /MessageHeader\.source\.software: minimum required = 1/,
  },
  {
    rule: 'the focus is of the type its MessageDefinition names (Québec)',
    quebec: true,
    break: (b) => {
      mh(b).focus = [{ reference: entryOf(b, 'Patient').fullUrl }];
    },
    severity: 'error',
    at: 'Bundle.entry[0].resource.focus[0]',
    says: /The focus of the event 'prescription-new' must be a MedicationRequest, not a Patient/,
  },
  {
    rule: 'the content meets the Québec profiles (a DIN on the prescription)',
    quebec: true,
    break: (b) => {
      const r = entryOf(b, 'MedicationRequest').resource;
      r.meta = undefined;
      r.medicationCodeableConcept = { text: 'Metformine 500 mg' };
    },
    severity: 'error',
    at: 'Bundle.entry[5].resource.medication.ofType(CodeableConcept)',
    says: /coding/,
  },
];

describe('e-prescription messages: the message rules fail on a broken message and pass on the valid one', () => {
  for (const c of RULES) {
    it(`${c.rule}: ${c.severity}`, () => {
      const valid = newPrescription(EMR, samplePrescription()) as unknown as Json;
      const prepare = (b: Json): Json => (c.quebec ? b : generic(b as unknown as Bundle));
      const options = c.quebec ? { profiles: [ERX_MESSAGE_PROFILE] } : undefined;
      const matching = (issues: ValidationIssue[]): ValidationIssue[] =>
        issues.filter((i) => i.severity === c.severity && i.expression === c.at && c.says.test(i.message));
      const before = validator.validate(prepare(structuredClone(valid)), options);
      expect(matching(before), show(before)).to.deep.equal([]);
      expect(problems(before), show(before)).to.deep.equal([]);
      const broken = prepare(structuredClone(valid));
      c.break(broken);
      const after = validator.validate(broken, options);
      expect(
        matching(after),
        `no ${c.severity} at ${c.at} matching ${c.says} among:\n${show(after)}`,
      ).to.have.length.greaterThan(0);
      for (const i of matching(after)) expect(i.text.fr).to.be.a('string').and.not.equal(i.text.en);
    });
  }

  it('an entry that only refers to a reached entry (a Provenance) is reached, not an orphan; one linked to nothing is', () => {
    const b = generic(newPrescription(EMR, samplePrescription()));
    const rx = entries(b as unknown as Bundle)[5] as Json;
    const div = '<div xmlns="http://www.w3.org/1999/xhtml">signed</div>';
    (b.entry as Json[]).push({
      fullUrl: 'urn:uuid:5e0c2d7a-0000-4000-8000-000000000000',
      resource: {
        resourceType: 'Provenance',
        id: '5e0c2d7a-0000-4000-8000-000000000000',
        text: { status: 'generated', div },
        target: [{ reference: rx.fullUrl }],
        recorded: '2026-11-30T10:05:00-05:00',
        agent: [{ who: { display: 'Dre Isabelle Lévesque' } }],
      },
    });
    const issues = validator.validate(b);
    expect(problems(issues), show(issues)).to.deep.equal([]);
    ((b.entry as Json[])[6]!.resource as Json).target = [{ display: 'nothing' }];
    const orphan = validator.validate(b);
    expect(problems(orphan).map((i) => `${i.severity} ${i.expression}`)).to.deep.equal(['warning Bundle.entry[6]']);
  });

  it('an unresolved focus is one error, not also reported as an unresolved reference (Québec)', () => {
    const b = newPrescription(EMR, samplePrescription()) as unknown as Json;
    mh(b).focus = [{ reference: 'urn:uuid:11111111-0000-4000-8000-000000000000' }];
    const errors = validator.validate(b).filter((i) => i.severity === 'error');
    expect(errors.map((i) => `${i.expression}: ${i.message}`)).to.deep.equal([
      "Bundle.entry[0].resource.focus[0]: Can't find 'urn:uuid:11111111-0000-4000-8000-000000000000' in the bundle (MessageHeader Data)",
    ]);
  });

  it('validateAsync (entries in chunks) gives the same issues as validate on a broken Québec message', async () => {
    const b = newPrescription(EMR, samplePrescription()) as unknown as Json;
    danglingSubject(b);
    mh(b).focus = [{ reference: entryOf(b, 'Patient').fullUrl }];
    const sync = validator.validate(b);
    expect(sync.filter((i) => i.severity === 'error').length).to.be.greaterThan(1);
    expect(await validator.validateAsync(b)).to.deep.equal(sync);
  });

  it('the Québec rules stay off without the erx profile (a message of another event system is fine)', () => {
    const b = generic(newPrescription(EMR, samplePrescription()));
    mh(b).eventCoding = { system: 'urn:other', code: 'x' };
    mh(b).definition = undefined;
    const issues = validator.validate(b);
    expect(problems(issues), show(issues)).to.deep.equal([]);
  });
});
