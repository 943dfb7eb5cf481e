/**
 * The header-level reader of src/messaging (readHeader) that the switch, the
 * suites' judgements and the reference clients share, and the Bundle-level
 * helpers built on it: a header first, a header elsewhere in the Bundle, no
 * header, answers with and without what they answer, events of other systems.
 */
import type { Bundle, MessageHeader } from '@medplum/fhirtypes';
import { expect } from 'chai';
import {
  acknowledgement,
  answerIn,
  answering,
  anyMessageHeaderOf,
  ERX_ENDPOINTS,
  ERX_EVENT_SYSTEM,
  entryFullUrlOf,
  erxEventOf,
  eventOf,
  focusIn,
  focusOf,
  messageHeaderOf,
  newPrescription,
  readHeader,
  respondsTo,
  samplePrescription,
} from '../../src/messaging/index.js';
import { EMR, PHARMACY } from '../support/erx.js';

/**
 * A hand-written message: its header (as given) at `at`, among two
 * prescriptions of the same Type/id on two servers, told apart by their
 * status: a relative reference from the header resolves to the one on its
 * own server (emr.example, active).
 */
function message(header: Record<string, unknown>, at: 0 | 1): Bundle {
  const rx = (base: string, status: string) => ({
    fullUrl: `https://${base}/fhir/MedicationRequest/rx1`,
    resource: { resourceType: 'MedicationRequest', id: 'rx1', status },
  });
  const mh = {
    fullUrl: 'https://emr.example/fhir/MessageHeader/h1',
    resource: { resourceType: 'MessageHeader', ...header },
  };
  const entry: unknown[] = [rx('other.example', 'stopped'), rx('emr.example', 'active')];
  entry.splice(at, 0, mh);
  return { resourceType: 'Bundle', id: 'b1', type: 'message', entry } as Bundle;
}

const NEW_RX = { id: 'h1', eventCoding: { system: ERX_EVENT_SYSTEM, code: 'prescription-new' } };

describe('e-prescription messages: the header reader', () => {
  it('reads a header that comes first: event, erx event, focus, destinations, no response', () => {
    const b = newPrescription(EMR, samplePrescription());
    const mh = messageHeaderOf(b) as MessageHeader;
    const read = readHeader(mh);
    expect(read.id).to.equal(mh.id);
    expect(read.event).to.deep.include({ system: ERX_EVENT_SYSTEM, code: 'prescription-new' });
    expect(read.eventUri).to.equal(undefined);
    expect(read.erxEvent).to.equal('prescription-new');
    expect(read.response).to.equal(undefined);
    expect(read.focus).to.deep.equal([mh.focus?.[0]?.reference]).and.have.length(1);
    expect(read.destinations).to.deep.equal([ERX_ENDPOINTS.pharmacy]);
    // The Bundle-level helpers say the same.
    expect(eventOf(b)).to.equal(mh.eventCoding);
    expect(erxEventOf(b)).to.equal('prescription-new');
    expect(focusOf(b).map((r) => r.resourceType)).to.deep.equal(['MedicationRequest']);
    expect(respondsTo(b)).to.equal(undefined);
  });

  it('reads a header elsewhere in the Bundle; the first-entry helpers do not, and its focus resolves from its own entry', () => {
    const first = message({ ...NEW_RX, focus: [{ reference: 'MedicationRequest/rx1' }] }, 0);
    const second = message({ ...NEW_RX, focus: [{ reference: 'MedicationRequest/rx1' }] }, 1);
    expect(messageHeaderOf(second)).to.equal(undefined);
    expect(eventOf(second)).to.equal(undefined);
    expect(focusOf(second)).to.deep.equal([]);
    const mh = anyMessageHeaderOf(second);
    expect(readHeader(mh).erxEvent).to.equal('prescription-new');
    expect(entryFullUrlOf(second, mh)).to.equal('https://emr.example/fhir/MessageHeader/h1');
    expect(focusIn(second, mh).map((r) => (r as { status?: string }).status)).to.deep.equal(['active']);
    expect(focusOf(first).map((r) => (r as { status?: string }).status)).to.deep.equal(['active']);
  });

  it('reads no header as a header that says nothing', () => {
    for (const nothing of [undefined, null, 'x', [], {}]) {
      const read = readHeader(nothing);
      expect(read).to.deep.equal({
        id: undefined,
        event: undefined,
        eventUri: undefined,
        erxEvent: undefined,
        response: undefined,
        focus: [],
        destinations: [],
      });
      expect(answerIn(read)).to.equal(undefined);
    }
    const headless = { resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'Patient' } }] };
    expect(anyMessageHeaderOf(headless)).to.equal(undefined);
    expect(focusIn(headless, undefined)).to.deep.equal([]);
    expect(respondsTo(headless)).to.equal(undefined);
  });

  it('reads a response without focus; an answer that names no message is still a response, but answers nothing', () => {
    const request = newPrescription(EMR, samplePrescription());
    const ack = acknowledgement(PHARMACY, answering(request)!);
    const read = readHeader(messageHeaderOf(ack));
    expect(read.focus).to.deep.equal([]);
    expect(read.response).to.deep.equal({ identifier: messageHeaderOf(request)?.id, code: 'ok' });
    expect(answerIn(read)).to.deep.equal({ identifier: messageHeaderOf(request)?.id, code: 'ok' });
    expect(respondsTo(ack)).to.deep.equal(answerIn(read));
    // Without an identifier (what the switch reports as answering no known message).
    const nameless = readHeader({ ...NEW_RX, response: { code: 'ok' } });
    expect(nameless.response).to.deep.equal({ identifier: undefined, code: 'ok' });
    expect(answerIn(nameless)).to.equal(undefined);
    // Without a code: an answer whose code reads as ''.
    expect(answerIn(readHeader({ response: { identifier: 'm1' } }))).to.deep.equal({ identifier: 'm1', code: '' });
    // Not an object: no response.
    for (const response of [null, 'ok', 3]) expect(readHeader({ response }).response).to.equal(undefined);
  });

  it('reads an event of another system, an unknown erx code or an eventUri as no erx event', () => {
    const other = readHeader({ eventCoding: { system: 'http://example.org/events', code: 'prescription-new' } });
    expect(other.event).to.deep.equal({ system: 'http://example.org/events', code: 'prescription-new' });
    expect(other.erxEvent).to.equal(undefined);
    expect(erxEventOf(message({ ...NEW_RX, eventCoding: other.event }, 0))).to.equal(undefined);
    expect(readHeader({ eventCoding: { system: ERX_EVENT_SYSTEM, code: 'no-such-event' } }).erxEvent).to.equal(
      undefined,
    );
    const uri = readHeader({ eventUri: `${ERX_EVENT_SYSTEM}#prescription-new` });
    expect(uri.event).to.deep.equal({ system: `${ERX_EVENT_SYSTEM}#prescription-new` });
    expect(uri.eventUri).to.equal(`${ERX_EVENT_SYSTEM}#prescription-new`);
    expect(uri.erxEvent).to.equal(undefined);
    // A Coding wins over a URI (R4 allows one of them).
    const both = readHeader({ ...NEW_RX, eventUri: 'urn:x' });
    expect([both.erxEvent, both.eventUri]).to.deep.equal(['prescription-new', undefined]);
  });

  it('reads focus without a reference as "" (counted) and destinations without an endpoint as none', () => {
    const read = readHeader({
      focus: [{ reference: 'MedicationRequest/rx1' }, { display: 'x' }, 'y'],
      destination: [{ endpoint: 'urn:a' }, { name: 'b' }, { endpoint: '' }],
    });
    expect(read.focus).to.deep.equal(['MedicationRequest/rx1', '', '']);
    expect(read.destinations).to.deep.equal(['urn:a']);
  });
});
