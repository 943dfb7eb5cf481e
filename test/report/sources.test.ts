import { expect } from 'chai';
import { renderHtml } from '../../src/report/html.js';
import { officerRun } from './helpers.js';

describe('report/html: requirement sources and tags', () => {
  const run = officerRun();
  const pages = { fr: renderHtml(run, 'fr', null), en: renderHtml(run, 'en', null) };

  it('shows each requirement source in the report language, its page anchors still links', () => {
    const link = '<a href="https://hl7.org/fhir/R4/http.html#read" rel="noreferrer">http.html#read</a>';
    expect(pages.fr).to.include(`API REST FHIR R4, lecture (${link})`);
    expect(pages.fr).not.to.include('FHIR R4 RESTful API, read (');
    expect(pages.en).to.include(`FHIR R4 RESTful API, read (${link})`);
    expect(pages.en).not.to.include('API REST FHIR R4, lecture');
    // French puts our words first: the family (FHIR R4) is found anywhere in the clause.
    expect(pages.fr).to.include(
      'CapabilityStatement.fhirVersion, FHIR R4 (<a href="https://hl7.org/fhir/R4/capabilitystatement.html" rel="noreferrer">capabilitystatement.html</a>)',
    );
  });

  it('renders check and run tags as ids (code), not as prose', () => {
    for (const html of Object.values(pages)) {
      expect(html).to.include('<code class="tag">smoke</code>, <code class="tag">capabilities</code>');
      expect(html).not.to.match(/<dd>smoke, capabilities<\/dd>/);
    }
  });
});
