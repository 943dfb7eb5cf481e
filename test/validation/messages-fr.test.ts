import { expect } from 'chai';
import { checkDin } from '../../src/identifiers/din.js';
import { cmqRule } from '../../src/identifiers/licences.js';
import { checkNam, checkNamAgainst } from '../../src/identifiers/nam.js';
import { terminologyFor } from '../../src/terminology/service.js';
import { placeholdersOf, registeredCatalogues } from '../../src/util/i18n.js';
import { describeIssuesText, type ValidationIssue } from '../../src/validation/issues.js';
import { type CanonicalResource, coreRegistry } from '../../src/validation/registry.js';
import { baseR4Validator, createValidator } from '../../src/validation/setup.js';

const patient = (): Record<string, unknown> => ({
  resourceType: 'Patient',
  id: 'p1',
  name: [{ family: 'Tremblay', given: ['Marie'] }],
  gender: 'female',
  birthDate: '1985-06-25',
});

function issueAt(issues: readonly ValidationIssue[], expression: string, en: RegExp): ValidationIssue {
  const hit = issues.find((i) => i.expression === expression && en.test(i.message));
  expect(hit, `no issue at ${expression} matching ${String(en)} in ${JSON.stringify(issues)}`).to.not.equal(undefined);
  return hit as ValidationIssue;
}

describe('validation: issue texts in French and English', () => {
  const validator = createValidator().validator;

  it('a cardinality error, with its element, counts and profile', () => {
    const { status: _status, ...obs } = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
    };
    const issue = issueAt(validator.validate(obs), 'Observation', /minimum required/);
    expect(issue.message).to.equal(issue.text.en);
    expect(issue.text.en).to.equal(
      'Observation.status: minimum required = 1, but only found 0 (from http://hl7.org/fhir/StructureDefinition/Observation|4.0.1)',
    );
    expect(issue.text.fr).to.equal(
      'Observation.status : cardinalité minimale = 1, mais seulement 0 trouvé(s) (selon http://hl7.org/fhir/StructureDefinition/Observation|4.0.1)',
    );
  });

  it('a required binding, with the value and the value set', () => {
    const issue = issueAt(validator.validate({ ...patient(), gender: 'femme' }), 'Patient.gender', /femme/);
    expect(issue.severity).to.equal('error');
    expect(issue.text.en).to.match(/^The value provided \('femme'\) was not found in the value set/);
    expect(issue.text.fr).to.match(
      /^La valeur fournie \("femme"\) est introuvable dans le jeu de valeurs "http:\/\/hl7\.org\/fhir\/ValueSet\/administrative-gender\|4\.0\.1", alors qu’un code de ce jeu de valeurs est obligatoire/,
    );
    // The terminology's own reason is nested in the same language.
    expect(issue.text.fr).to.contain(
      '(Code inconnu "femme" dans le CodeSystem "http://hl7.org/fhir/administrative-gender" version "4.0.1" ; la valeur fournie ("femme") est introuvable dans le jeu de valeurs "AdministrativeGender"',
    );
    expect(issue.text.fr).to.not.match(/\b(not found|value set|required)\b/);
  });

  it('a type error and a primitive format error', () => {
    const issues = validator.validate({ ...patient(), active: 'yes', birthDate: '25/06/1985' });
    const type = issueAt(issues, 'Patient.active', /must be a boolean/);
    expect(type.text.fr).to.equal('Erreur d’analyse JSON : la valeur primitive doit être un booléen');
    const format = issueAt(issues, 'Patient.birthDate', /Not a valid date format/);
    expect(format.text.fr).to.equal('Format de date non valide : "25/06/1985"');
  });

  it('a failed invariant quotes its English human text as data', () => {
    const issue = issueAt(
      validator.validate({ ...patient(), contact: [{ gender: 'male' }] }),
      'Patient.contact[0]',
      /pat-1/,
    );
    expect(issue.text.en).to.equal(
      "Constraint failed: pat-1: 'SHALL at least contain a contact's details or a reference to an organization'",
    );
    expect(issue.text.fr).to.equal(
      'Invariant pat-1 non respecté : "SHALL at least contain a contact\'s details or a reference to an organization"',
    );
  });

  it('an unknown property and a bad reference', () => {
    const issues = validator.validate({
      ...patient(),
      favouriteColour: 'blue',
      link: [{ other: { reference: '#x' }, type: 'seealso' }],
    });
    expect(issueAt(issues, 'Patient', /favouriteColour/).text.fr).to.equal('Propriété non reconnue "favouriteColour"');
    expect(issueAt(issues, 'Patient.link[0].other', /Unable to resolve/).text.fr).to.equal(
      'Impossible de résoudre la ressource de la référence "#x"',
    );
  });

  it('a "not checked" note says so in French too', () => {
    const issues = baseR4Validator().validate({
      ...patient(),
      maritalStatus: { coding: [{ system: 'http://snomed.info/sct', code: '125681006' }] },
    });
    const notes = issues.filter((i) => i.message.startsWith('not checked'));
    for (const n of notes) expect(n.text.fr).to.match(/^non vérifié : /);
  });

  it('Québec identifier problems (DIN, NAM, licence) in French, with the value quoted', () => {
    const din = checkDin('2242974')[0];
    expect(din?.message).to.equal(din?.text.en);
    expect(din?.text.fr).to.equal(
      "DIN '2242974' : compte 7 chiffres, 8 exactement attendus (zéros de tête supprimés ? un DIN les garde, p. ex. 02242974) (format DIN de Santé Canada)",
    );
    expect(checkNam('trem85562515')[0]?.text.fr).to.match(
      /^NAM 'trem85562515' : les lettres doivent être en majuscules \(TREM\)/,
    );
    expect(checkNam('TREM85023015')[0]?.text.fr).to.match(/le jour '30' \(caractères 9-10\) n’existe pas en février/);
    expect(checkNamAgainst('TREM85562515', { sex: 'male' }).map((p) => p.text.fr)).to.include(
      "NAM 'TREM85562515' : le mois '56' désigne une titulaire de sexe féminin, mais le sexe est male (NAM de la RAMQ : mois + 50 pour une femme)",
    );
    expect(cmqRule.check('1234')[0]?.text.fr).to.equal(
      "Permis CMQ '1234' : compte 4 chiffres ; 5 chiffres attendus (format du numéro de permis du CMQ)",
    );
  });

  it('a QuestionnaireResponse answer error, with its value and bound', () => {
    const qr = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      questionnaire: '#q',
      contained: [
        {
          resourceType: 'Questionnaire',
          id: 'q',
          status: 'active',
          item: [
            {
              linkId: 'age',
              type: 'integer',
              extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 120 }],
            },
          ],
        },
      ],
      item: [{ linkId: 'age', answer: [{ valueInteger: 130 }] }],
    };
    const issue = issueAt(
      validator.validate(qr),
      'QuestionnaireResponse.item[0].answer[0].value.ofType(integer)',
      /maximum/,
    );
    expect(issue.message).to.equal('The value 130 is greater than the allowed maximum of 120');
    expect(issue.text.fr).to.equal('La valeur 130 est supérieure au maximum permis de 120');
    const missing = issueAt(
      validator.validate({ ...qr, item: [{ linkId: 'nope', answer: [{ valueInteger: 1 }] }] }),
      'QuestionnaireResponse',
      /not found in questionnaire/,
    );
    expect(missing.text.fr).to.equal('LinkId "nope" introuvable dans le questionnaire');
  });

  it('an XHTML narrative problem', () => {
    const issues = validator.validate({
      ...patient(),
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>x()</script></div>' },
    });
    const issue = issueAt(issues, 'Patient.text.div', /Invalid element name/);
    expect(issue.text.en).to.equal("Invalid element name in the XHTML ('script')");
    expect(issue.text.fr).to.equal('Nom d’élément non permis dans le XHTML ("script")');
  });

  it('a value set reason (a filter that cannot be evaluated), in a check and in the expand listing', () => {
    const registry = coreRegistry().layer();
    registry.add({
      resourceType: 'CodeSystem',
      url: 'http://homolog.test/cs',
      status: 'active',
      content: 'complete',
      concept: [{ code: 'a' }, { code: 'b' }],
    } as unknown as CanonicalResource);
    registry.add({
      resourceType: 'ValueSet',
      url: 'http://homolog.test/vs',
      status: 'active',
      compose: {
        include: [{ system: 'http://homolog.test/cs', filter: [{ property: 'colour', op: '=', value: 'red' }] }],
      },
    } as unknown as CanonicalResource);
    const tx = terminologyFor(registry);
    const check = tx.validateCode('http://homolog.test/vs', { system: 'http://homolog.test/cs', code: 'a' });
    expect(check.status).to.equal('not-checked');
    if (check.status !== 'not-checked') return;
    expect(check.text.en).to.contain(
      "the filter colour = 'red' cannot be evaluated: the property 'colour' is not defined in the code system 'http://homolog.test/cs'",
    );
    expect(check.text.fr).to.contain(
      'le filtre colour = "red" ne peut pas être évalué : la propriété "colour" n’est pas définie dans le système de codes "http://homolog.test/cs"',
    );
    expect(check.text.fr).to.not.match(/\b(cannot|filter|not defined)\b/);
    const listing = tx.expand('http://homolog.test/vs');
    expect(listing?.notListed.map((n) => n.fr)).to.deep.equal([
      'le filtre colour = "red" ne peut pas être évalué : la propriété "colour" n’est pas définie dans le système de codes "http://homolog.test/cs"',
    ]);
  });

  it('describeIssuesText lists issues in both languages, then how many more', () => {
    const issues = validator.validate({ ...patient(), gender: 'femme', birthDate: 'soon', active: 'yes' });
    const text = describeIssuesText(issues, 1);
    expect(text.en).to.match(/^Patient[.\w]*: .+; \.\.\. and \d+ more$/);
    expect(text.fr).to.match(/^Patient[.\w]* : .+ ; … et \d+ autres$/);
  });

  it('the validation, terminology and identifiers catalogues are complete in both languages, with the same placeholders', () => {
    for (const domain of ['validation', 'validation.questionnaire', 'terminology', 'identifiers']) {
      const catalogue = registeredCatalogues().get(domain);
      expect(catalogue, domain).to.not.equal(undefined);
      for (const [key, t] of Object.entries(catalogue ?? {})) {
        expect(t.fr.trim(), `${domain}.${key} fr`).to.not.equal('');
        expect(t.en.trim(), `${domain}.${key} en`).to.not.equal('');
        expect(placeholdersOf(t.fr), `${domain}.${key}`).to.deep.equal(placeholdersOf(t.en));
        // A French sentence of three words or more is not the English.
        if (t.en.split(/\s+/).length >= 3 && !/^\{/.test(t.en)) expect(t.fr, `${domain}.${key}`).to.not.equal(t.en);
      }
    }
  });
});
