/**
 * The e-prescription suites' shared judgements (src/suite/client-checks/erx.ts)
 * on hand-made sends, without a simulator: they read each message's header
 * through src/messaging's reader, wherever the header stands, and each
 * judgement passes on a sound message and fails on the defect it names.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { expect } from 'chai';
import {
  acknowledgement,
  answering,
  ERX_ENDPOINTS,
  type HeaderOptions,
  newPrescription,
  renewalRequest,
  renewalResponse,
  samplePrescription,
} from '../../src/messaging/index.js';
import {
  answerOf,
  focusProblems,
  headerProblems,
  isBareAcknowledgement,
  type SentMessage,
  sentEvent,
  sentMessages,
  structureProblems,
} from '../../src/suite/client-checks/erx.js';
import { requestsOf } from './requests.js';

const EMR: HeaderOptions = {
  source: { name: 'Clinique du Plateau', software: 'DME Exemple', version: '4.2.1', endpoint: ERX_ENDPOINTS.client },
  destination: { name: 'Pharmacie Saint-Denis', endpoint: ERX_ENDPOINTS.pharmacy },
};
const PHARMACY: HeaderOptions = {
  source: { name: 'Pharmacie Saint-Denis', software: 'Pharma', version: '7.0', endpoint: ERX_ENDPOINTS.pharmacy },
  destination: { name: 'Clinique du Plateau', endpoint: ERX_ENDPOINTS.client },
};
const EXPECTED = {
  event: 'prescription-new',
  source: ERX_ENDPOINTS.client,
  destination: ERX_ENDPOINTS.pharmacy,
} as const;

/** The one message a client sent in `bundle` (POST erx/$process-message). */
function sent(bundle: Bundle): SentMessage {
  const request = requestsOf('s')('POST', '$process-message', { endpoint: 'erx', json: bundle });
  const [m] = sentMessages([request]);
  if (!m) throw new Error('not read as a message');
  return m;
}

/** The first entry's resource (the builders put the MessageHeader there), to break in a test. */
function headerIn(b: Bundle): Record<string, unknown> {
  const resource = b.entry?.[0]?.resource;
  if (resource?.resourceType !== 'MessageHeader') throw new Error('no MessageHeader first');
  return resource as unknown as Record<string, unknown>;
}

const en = (texts: { en: string }[]): string[] => texts.map((t) => t.en);

describe('e-prescription judgements: what a client sent, read through the header reader', () => {
  it('reads a header that is not first: MSG-01 fails on its place only, MSG-02 and MSG-03 judge it', () => {
    const good = newPrescription(EMR, samplePrescription());
    const moved = structuredClone(good);
    moved.entry?.push(moved.entry.shift()!);
    for (const b of [good, moved]) {
      const m = sent(b);
      expect(m.id).to.equal(good.entry?.[0]?.resource?.id);
      expect(sentEvent(m)).to.equal('prescription-new');
      expect(en(headerProblems(m, EXPECTED))).to.deep.equal([]);
      expect(en(focusProblems(m))).to.deep.equal([]);
    }
    expect(en(structureProblems([sent(good)]))).to.deep.equal([]);
    expect(en(structureProblems([sent(moved)])))
      .to.have.length(1)
      .and.satisfy((t: string[]) => t[0]?.includes('first'));
  });

  it('an event of another system is no erx event: MSG-02 names it, MSG-03 asks no focus type', () => {
    const b = newPrescription(EMR, samplePrescription());
    (headerIn(b).eventCoding as { system: string }).system = 'http://example.org/events';
    const m = sent(b);
    expect(sentEvent(m)).to.equal(undefined);
    const problems = en(headerProblems(m, EXPECTED));
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include('"http://example.org/events|prescription-new"');
    expect(en(headerProblems(sent(b), { ...EXPECTED, event: undefined }))).to.have.length(1);
  });

  it('a bare acknowledgement needs no focus, a request does; an answer without identifier answers nothing', () => {
    const request = renewalRequest(PHARMACY, samplePrescription());
    const ack = sent(acknowledgement(EMR, answering(request)!));
    expect(isBareAcknowledgement(ack)).to.equal(true);
    expect(answerOf(ack)?.identifier).to.equal(answering(request)?.id);
    expect(en(focusProblems(ack))).to.deep.equal([]);
    const response = renewalResponse(EMR, samplePrescription(), answering(request)!);
    expect(isBareAcknowledgement(sent(response))).to.equal(false);
    expect(en(focusProblems(sent(response)))).to.deep.equal([]);
    const prescription = newPrescription(EMR, samplePrescription());
    delete headerIn(prescription).focus;
    expect(en(focusProblems(sent(prescription))))
      .to.have.length(1)
      .and.satisfy((t: string[]) => t[0]?.endsWith('MessageHeader.focus is missing'));
    const nameless = acknowledgement(EMR, answering(request)!);
    delete (headerIn(nameless).response as { identifier?: string }).identifier;
    expect(answerOf(sent(nameless))).to.equal(undefined);
    expect(isBareAcknowledgement(sent(nameless))).to.equal(false);
  });

  it('MSG-03 names an unresolved reference by its entry’s place, counting entries without a resource', () => {
    const b = newPrescription(EMR, samplePrescription());
    const rx = b.entry?.find((e) => e.resource?.resourceType === 'MedicationRequest')?.resource as {
      subject: { reference: string };
    };
    expect(en(focusProblems(sent(b)))).to.deep.equal([]);
    rx.subject.reference = 'urn:uuid:00000000-0000-0000-0000-000000000000';
    const at = b.entry?.findIndex((e) => e.resource === (rx as unknown)) ?? -1;
    b.entry?.splice(1, 0, { fullUrl: 'urn:uuid:11111111-1111-1111-1111-111111111111' });
    const problems = en(focusProblems(sent(b)));
    const shifted = at >= 1 ? at + 1 : at;
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include(`Bundle.entry[${shifted}].resource.subject.reference`);
  });
});
