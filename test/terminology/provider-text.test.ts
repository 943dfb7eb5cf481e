/**
 * A code system defined by a rule (Health Canada's DIN) says why a code is not
 * one of its codes in both languages: the French demo showed
 * "DIN '2242974': has 7 digits, expected exactly 8" inside a French message.
 */
import { expect } from 'chai';
import { DIN_SYSTEM } from '../../src/identifiers/din.js';
import { dinProvider } from '../../src/terminology/identifier-providers.js';
import { TerminologyService } from '../../src/terminology/service.js';
import { coreRegistry } from '../../src/validation/registry.js';

describe('terminology: a rule-based code system explains an unknown code in French and English', () => {
  it("a 7-digit DIN: the rule's reason in each language, the code and the system quoted", () => {
    const tx = new TerminologyService(coreRegistry(), { providers: [dinProvider] });
    expect(tx.validateInSystem({ system: DIN_SYSTEM, code: '02242974' }).status).to.equal('valid');
    const check = tx.validateInSystem({ system: DIN_SYSTEM, code: '2242974' });
    expect(check.status).to.equal('invalid');
    if (check.status !== 'invalid') return;
    expect(check.text.en).to.contain("'2242974'").and.contain('has 7 digits, expected exactly 8');
    expect(check.message).to.equal(check.text.en);
    expect(check.text.fr).to.contain('Code inconnu "2242974"').and.contain('compte 7 chiffres, 8 exactement attendus');
    expect(check.text.fr).not.to.match(/\b(has|digits|expected)\b/);
  });
});
