import { expect } from 'chai';
import { LoadRefused } from '../../src/fixtures/load.js';
import { FixtureResponseError, type FixturesTestData, fillTestData } from '../../src/fixtures/transaction.js';

describe('fixtures --load: refusals in both languages', () => {
  it('a refused request names the request, the status and the server’s outcome in each language', () => {
    const err = new LoadRefused('POST Practitioner', 422, 'licence unknown');
    expect(err.message).to.equal('the server refused POST Practitioner: 422 (licence unknown)');
    expect(err.text.fr).to.equal('le serveur a refusé POST Practitioner : 422 (licence unknown)');
    const noBundle = new LoadRefused('POST [base] (transaction)', 200, { en: 'no Bundle', fr: 'aucun Bundle' });
    expect(noBundle.text.fr).to.equal('le serveur a refusé POST [base] (transaction) : 200 (aucun Bundle)');
  });

  it('a response entry without a Location is named in French and English', () => {
    const testData: FixturesTestData = {
      suite: 'dsq-pharmacy',
      method: 'post',
      values: {},
      assigned: { patientId: { entry: 0, resourceType: 'Patient' } },
      notProvided: [],
    };
    let caught: unknown;
    try {
      fillTestData(testData, {
        resourceType: 'Bundle',
        type: 'transaction-response',
        entry: [{ response: { status: '201' } }],
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(FixtureResponseError);
    const { text } = caught as FixtureResponseError;
    expect(text.en).to.equal('testData.patientId: response entry 0 has no Location naming a Patient (none)');
    expect(text.fr).to.equal(
      'testData.patientId : l’entrée de réponse 0 n’a pas de Location qui nomme un Patient (aucune)',
    );
  });
});
