import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import {
  type CodeCheck,
  type CodingInput,
  invalidCheck,
  notCheckedCheck,
  type TerminologyPort,
} from '../../src/terminology/port.js';
import { localized as same } from '../../src/util/i18n.js';
import { PROJECT_ROOT } from '../../src/util/paths.js';
import { IssueSink, type ValidationIssue } from '../../src/validation/issues.js';
import { type QuestionnaireHookContext, validateQuestionnaireResponse } from '../../src/validation/questionnaire.js';
import { type CanonicalResource, coreRegistry } from '../../src/validation/registry.js';

type Json = Record<string, unknown>;

const Q_URL = 'http://example.com/Questionnaire/q';

function questionnaire(items: Json[], extra: Json = {}): Json {
  return { resourceType: 'Questionnaire', url: Q_URL, status: 'active', item: items, ...extra };
}

function response(items: Json[], extra: Json = {}): Json {
  return { resourceType: 'QuestionnaireResponse', questionnaire: Q_URL, status: 'completed', item: items, ...extra };
}

interface RunOptions {
  terminology?: TerminologyPort;
  expression?: string;
  resources?: Json[];
}

function run(q: Json | undefined, qr: Json, options: RunOptions = {}): ValidationIssue[] {
  const registry = coreRegistry().layer();
  if (q) registry.add(q as unknown as CanonicalResource);
  for (const r of options.resources ?? []) registry.add(r as unknown as CanonicalResource);
  const sink = new IssueSink();
  const ctx: QuestionnaireHookContext = {
    registry,
    sink,
    terminology: options.terminology,
    resolve: (c) => registry.resolve(c) as Json | undefined,
  };
  validateQuestionnaireResponse(qr, options.expression ?? 'QuestionnaireResponse', ctx);
  return sink.issues;
}

const errors = (issues: ValidationIssue[]): string[] =>
  issues.filter((i) => i.severity === 'error').map((i) => `${i.expression}: ${i.message}`);
const warnings = (issues: ValidationIssue[]): string[] =>
  issues.filter((i) => i.severity === 'warning').map((i) => `${i.expression}: ${i.message}`);

/** One item, one response item with the given answers. */
function single(qItem: Json, answers: Json[], qrItemExtra: Json = {}, options: RunOptions = {}): ValidationIssue[] {
  return run(
    questionnaire([{ linkId: 'q1', ...qItem }]),
    response([{ linkId: 'q1', answer: answers, ...qrItemExtra }]),
    options,
  );
}

const A0 = 'QuestionnaireResponse.item[0].answer[0]';

/** A TerminologyPort answering from a fixed list of valid system|code pairs. */
function fakeTerminology(valid: Record<string, string[]>, notChecked: string[] = []): TerminologyPort {
  return {
    validateCode(valueSetUrl: string, coding: CodingInput): CodeCheck {
      if (notChecked.includes(valueSetUrl)) return notCheckedCheck(same('system not held'));
      const codes = valid[valueSetUrl] ?? [];
      const ok = codes.some((c) => {
        const [system, code] = c.split('|');
        return code === coding.code && (coding.system === undefined || coding.system === system);
      });
      return ok
        ? { status: 'valid', source: 'local' }
        : invalidCheck(same(`${coding.code} is not in ${valueSetUrl}`), 'local');
    },
    validateInSystem(): CodeCheck {
      return notCheckedCheck(same('n/a'));
    },
  };
}

const VS_URL = 'http://example.com/ValueSet/colours';
const VS = {
  resourceType: 'ValueSet',
  url: VS_URL,
  status: 'active',
  compose: { include: [{ system: 'http://example.com/cs', concept: [{ code: 'red' }, { code: 'blue' }] }] },
};

describe('QuestionnaireResponse against its Questionnaire', () => {
  describe('finding the questionnaire', () => {
    it('an unresolvable questionnaire is a warning, not an error, and nothing else is checked', () => {
      const issues = run(undefined, response([{ linkId: 'nowhere', answer: [{ valueString: 'x' }] }]));
      expect(errors(issues)).to.deep.equal([]);
      expect(warnings(issues)).to.deep.equal([
        `QuestionnaireResponse.questionnaire: The questionnaire '${Q_URL}' could not be resolved, so no validation can be performed against the base questionnaire`,
      ]);
    });

    it('an example.org questionnaire that cannot be found is only information', () => {
      const issues = run(undefined, response([], { questionnaire: 'http://example.org/Questionnaire/x' }));
      expect(issues.map((i) => i.severity)).to.deep.equal(['information']);
    });

    it('no questionnaire at all is information', () => {
      const qr = response([]);
      delete qr.questionnaire;
      expect(run(undefined, qr).map((i) => i.severity)).to.deep.equal(['information']);
    });

    it('resolves a contained questionnaire (#id) and a versioned canonical', () => {
      const q = questionnaire([{ linkId: 'q1', type: 'string', required: true }], { id: 'cq' });
      const contained = response([], { questionnaire: '#cq', contained: [q] });
      expect(errors(run(undefined, contained))).to.deep.equal([
        "QuestionnaireResponse: No response answer found for required item 'q1'",
      ]);
      const versioned = run({ ...q, version: '2.0' }, response([], { questionnaire: `${Q_URL}|2.0` }));
      expect(errors(versioned)).to.have.length(1);
    });

    it('warns when the questionnaire is retired or draft, or was not in effect when authored', () => {
      expect(warnings(run(questionnaire([], { status: 'retired' }), response([])))).to.deep.equal([
        `QuestionnaireResponse.questionnaire: The questionnaire '${Q_URL}' is retired`,
      ]);
      expect(warnings(run(questionnaire([], { status: 'draft' }), response([])))).to.have.length(1);
      const ended = run(
        questionnaire([], { effectivePeriod: { end: '2021-12-11' } }),
        response([], { authored: '2021-12-12T10:00:00Z' }),
      );
      expect(warnings(ended)).to.have.length(1);
      expect(warnings(ended)[0]).to.match(/^QuestionnaireResponse\.authored: /);
      expect(
        warnings(
          run(
            questionnaire([], { effectivePeriod: { end: '2021-12-11' } }),
            response([], { authored: '2021-12-11T22:00:00Z' }),
          ),
        ),
      ).to.deep.equal([]);
      expect(errors(ended)).to.deep.equal([]);
    });

    it('prefixes every expression with the response location it is given', () => {
      const issues = run(
        questionnaire([{ linkId: 'q1', type: 'integer' }]),
        response([{ linkId: 'q1', answer: [{ valueString: 'x' }] }]),
        { expression: 'Bundle.entry[1].resource' },
      );
      expect(errors(issues)).to.deep.equal([
        'Bundle.entry[1].resource.item[0].answer[0].value.ofType(string): Answer value must be of the type integer not string',
      ]);
    });
  });

  describe('items', () => {
    const q = questionnaire([
      { linkId: 'g', type: 'group', item: [{ linkId: 'g.a', type: 'string', text: 'A?' }] },
      { linkId: 'b', type: 'boolean' },
    ]);

    it('accepts items that match the questionnaire', () => {
      const qr = response([
        { linkId: 'g', item: [{ linkId: 'g.a', text: 'A?', answer: [{ valueString: 'x' }] }] },
        { linkId: 'b', answer: [{ valueBoolean: true }] },
      ]);
      expect(errors(run(q, qr))).to.deep.equal([]);
    });

    it('reports a linkId that is not in the questionnaire, at the level of its parent', () => {
      expect(errors(run(q, response([{ linkId: 'zz' }])))).to.deep.equal([
        "QuestionnaireResponse: LinkId 'zz' not found in questionnaire",
      ]);
    });

    it('reports an item in the wrong place, and still checks it against its definition', () => {
      const issues = run(q, response([{ linkId: 'g.a', answer: [{ valueInteger: 1 }] }]));
      expect(errors(issues)).to.deep.equal([
        "QuestionnaireResponse: Structural Error: item with linkId 'g.a' is in the wrong place",
        'QuestionnaireResponse.item[0].answer[0].value.ofType(integer): Answer value must be of the type string not integer',
      ]);
    });

    it('reports items out of order, and repeated items that do not repeat', () => {
      expect(errors(run(q, response([{ linkId: 'b' }, { linkId: 'g' }])))).to.deep.equal([
        'QuestionnaireResponse.item[1]: Structural Error: items are out of order',
      ]);
      expect(errors(run(q, response([{ linkId: 'b' }, { linkId: 'b' }])))).to.deep.equal([
        'QuestionnaireResponse.item[1]: Only one response item with this linkId allowed - b (found 2)',
      ]);
    });

    it('reports an item text that differs from the questionnaire', () => {
      const qr = response([{ linkId: 'g', item: [{ linkId: 'g.a', text: 'B?' }] }]);
      expect(errors(run(q, qr))).to.deep.equal([
        'QuestionnaireResponse.item[0].item[0]: If text exists, it must match the questionnaire definition for linkId g.a',
      ]);
    });

    it('groups take no answers; display items take neither answers nor items; questions nest under answers', () => {
      const q2 = questionnaire([
        { linkId: 'g', type: 'group' },
        { linkId: 'd', type: 'display' },
        { linkId: 's', type: 'string', item: [{ linkId: 's.1', type: 'string' }] },
      ]);
      const bad = response([
        { linkId: 'g', answer: [{ valueString: 'x' }] },
        { linkId: 'd', answer: [{ valueString: 'x' }], item: [{ linkId: 'x' }] },
        { linkId: 's', answer: [{ valueString: 'x' }], item: [{ linkId: 's.1' }] },
      ]);
      expect(errors(run(q2, bad))).to.deep.equal([
        'QuestionnaireResponse.item[0]: Items of type group should not have answers',
        "QuestionnaireResponse.item[1]: Items of type 'display' cannot have answers",
        'QuestionnaireResponse.item[1]: Items of type display should not have items - linkId d',
        'QuestionnaireResponse.item[2]: Items not of type group should not have items outside answers (use answer.item not .item)',
      ]);
      const good = response([
        { linkId: 'd' },
        { linkId: 's', answer: [{ valueString: 'x', item: [{ linkId: 's.1', answer: [{ valueString: 'y' }] }] }] },
      ]);
      expect(errors(run(q2, good))).to.deep.equal([]);
    });

    it('checks items nested under answers against the question children, with answer paths', () => {
      const q2 = questionnaire([
        { linkId: 's', type: 'string', item: [{ linkId: 's.1', type: 'integer', required: true }] },
      ]);
      const qr = response([
        {
          linkId: 's',
          answer: [
            { valueString: 'x', item: [{ linkId: 's.1', answer: [{ valueBoolean: true }] }] },
            { valueString: 'y' },
          ],
        },
      ]);
      expect(errors(run({ ...q2, item: [{ ...(q2.item as Json[])[0], repeats: true }] }, qr))).to.deep.equal([
        'QuestionnaireResponse.item[0].answer[0].item[0].answer[0].value.ofType(boolean): Answer value must be of the type integer not boolean',
        "QuestionnaireResponse.item[0].answer[1]: No response answer found for required item 's.1'",
      ]);
    });

    it('never throws on malformed content (the structural validator reports the shapes)', () => {
      const q = questionnaire([
        { linkId: 'q1', type: 'integer', enableWhen: [{ question: 5 }, 'x'], extension: 'bad' } as Json,
        'x' as unknown as Json,
      ]);
      const bad = [
        response([{ linkId: 'q1', answer: 'x' }, null, 3] as unknown as Json[]),
        response('x' as unknown as Json[]),
        { ...response([]), questionnaire: 42 },
      ];
      for (const qr of bad) expect(() => run(q, qr)).not.to.throw();
      expect(errors(run(q, response([{ answer: [{ valueInteger: 1 }] }])))).to.deep.equal([
        "QuestionnaireResponse.item[0]: No LinkId, so can't be validated",
      ]);
    });

    it('the abstract R4 type question takes no answers', () => {
      expect(errors(single({ type: 'question' }, [{ valueString: 'x' }]))).to.deep.equal([
        'QuestionnaireResponse.item[0]: Items of type question should not have answers',
      ]);
    });
  });

  describe('answer value types', () => {
    const cases: [string, Json, string | undefined][] = [
      ['boolean', { valueBoolean: true }, undefined],
      ['boolean', { valueString: 'true' }, 'Answer value must be of the type boolean not string'],
      ['decimal', { valueDecimal: 1.5 }, undefined],
      ['decimal', { valueInteger: 1 }, 'Answer value must be of the type decimal not integer'],
      ['integer', { valueInteger: 3 }, undefined],
      ['date', { valueDate: '2020-01-01' }, undefined],
      ['date', { valueDateTime: '2020-01-01T10:00:00Z' }, 'Answer value must be of the type date not dateTime'],
      ['dateTime', { valueDateTime: '2020-01-01T10:00:00Z' }, undefined],
      ['time', { valueTime: '10:00:00' }, undefined],
      ['string', { valueString: 'x' }, undefined],
      ['text', { valueString: 'x\ny' }, undefined],
      ['text', { valueCoding: { code: 'x' } }, 'Answer value must be of the type string not Coding'],
      ['url', { valueUri: 'http://x.org' }, undefined],
      ['url', { valueString: 'http://x.org' }, 'Answer value must be of the type uri not string'],
      ['choice', { valueCoding: { system: 'http://x', code: 'a' } }, undefined],
      [
        'choice',
        { valueBoolean: true },
        'Answer value must be one of the types Coding, date, time, integer, string, Reference not boolean',
      ],
      ['open-choice', { valueString: 'free text' }, undefined],
      ['attachment', { valueAttachment: { contentType: 'text/plain', data: 'YQ==' } }, undefined],
      ['reference', { valueReference: { reference: 'Patient/1' } }, undefined],
      ['quantity', { valueQuantity: { value: 1, system: 'http://unitsofmeasure.org', code: 'kg' } }, undefined],
      ['quantity', { valueDecimal: 1 }, 'Answer value must be of the type Quantity not decimal'],
    ];
    for (const [type, answer, message] of cases) {
      it(`${type} item, ${Object.keys(answer)[0]}: ${message ? 'rejected' : 'accepted'}`, () => {
        const key = Object.keys(answer)[0] as string;
        const suffix = key.slice('value'.length);
        const valueType = ['Attachment', 'Coding', 'Quantity', 'Reference'].includes(suffix)
          ? suffix
          : suffix.charAt(0).toLowerCase() + suffix.slice(1);
        expect(errors(single({ type, repeats: true }, [answer]))).to.deep.equal(
          message ? [`${A0}.value.ofType(${valueType}): ${message}`] : [],
        );
      });
    }

    it('ignores value[x] properties that are not R4 answer types (the structural validator reports them)', () => {
      expect(errors(single({ type: 'open-choice', required: true }, [{ valueCode: 'x' }]))).to.deep.equal([]);
    });
  });

  describe('required, repeats, minOccurs and maxOccurs', () => {
    it('a required item needs an answer: an error when completed, a warning while in progress', () => {
      const q = questionnaire([
        { linkId: 'q1', type: 'string', required: true },
        { linkId: 'g', type: 'group', item: [{ linkId: 'g.1', type: 'string', required: true }] },
      ]);
      expect(errors(run(q, response([{ linkId: 'q1' }, { linkId: 'g', item: [] }])))).to.deep.equal([
        "QuestionnaireResponse.item[0]: No response answer found for required item 'q1'",
        "QuestionnaireResponse.item[1]: No response answer found for required item 'g.1'",
      ]);
      expect(errors(run(q, response([])))).to.deep.equal([
        "QuestionnaireResponse: No response answer found for required item 'q1'",
      ]);
      const inProgress = run(q, response([], { status: 'in-progress' }));
      expect(errors(inProgress)).to.deep.equal([]);
      expect(warnings(inProgress)).to.have.length(1);
      expect(errors(run(q, response([{ linkId: 'q1', answer: [{ valueString: 'x' }] }])))).to.deep.equal([]);
    });

    it('a required group needs at least one item', () => {
      const q = questionnaire([
        { linkId: 'g', type: 'group', required: true, item: [{ linkId: 'g.1', type: 'string' }] },
      ]);
      expect(errors(run(q, response([{ linkId: 'g' }])))).to.deep.equal([
        "QuestionnaireResponse.item[0]: The group 'g' is required, so it must contain at least one item",
      ]);
      expect(errors(run(q, response([])))).to.deep.equal([
        "QuestionnaireResponse: No response answer found for required item 'g'",
      ]);
      expect(
        errors(run(q, response([{ linkId: 'g', item: [{ linkId: 'g.1', answer: [{ valueString: 'x' }] }] }]))),
      ).to.deep.equal([]);
    });

    it('repeats=false allows one answer', () => {
      expect(errors(single({ type: 'string' }, [{ valueString: 'a' }, { valueString: 'b' }]))).to.deep.equal([
        'QuestionnaireResponse.item[0]: Only one response answer item with this linkId allowed - q1 (found 2)',
      ]);
      expect(
        errors(single({ type: 'string', repeats: true }, [{ valueString: 'a' }, { valueString: 'b' }])),
      ).to.deep.equal([]);
    });

    it('minOccurs and maxOccurs bound the number of answers (inclusive)', () => {
      const ext = (min: number, max: number): Json[] => [
        { url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs', valueInteger: min },
        { url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs', valueInteger: max },
      ];
      const item = { type: 'string', repeats: true, extension: ext(2, 3) };
      expect(errors(single(item, []))).to.deep.equal([
        'QuestionnaireResponse.item[0]: The minimum number of answers is 2 but this has 0 answers',
      ]);
      expect(errors(single(item, [{ valueString: 'a' }, { valueString: 'b' }]))).to.deep.equal([]);
      expect(errors(single(item, [{ valueString: 'a' }, { valueString: 'b' }, { valueString: 'c' }]))).to.deep.equal(
        [],
      );
      expect(
        errors(
          single(
            item,
            [1, 2, 3, 4].map((n) => ({ valueString: String(n) })),
          ),
        ),
      ).to.deep.equal(['QuestionnaireResponse.item[0]: The maximum number of answers is 3 but this has 4 answers']);
    });
  });

  describe('enableWhen', () => {
    const withCondition = (enableWhen: Json[], enableBehavior?: string, triggerType = 'integer'): Json =>
      questionnaire([
        { linkId: 't', type: triggerType },
        { linkId: 'u', type: 'string' },
        { linkId: 'dep', type: 'string', required: true, enableWhen, ...(enableBehavior ? { enableBehavior } : {}) },
      ]);
    const missingDep = "QuestionnaireResponse: No response answer found for required item 'dep'";
    /** Is 'dep' required (so enabled) when t and u have these answers? */
    const required = (q: Json, t: Json[] | undefined, u: Json[] = []): boolean => {
      const items = [...(t ? [{ linkId: 't', answer: t }] : []), ...(u.length ? [{ linkId: 'u', answer: u }] : [])];
      return errors(run(q, response(items))).includes(missingDep);
    };

    it('operators on integers: = != > < >= <=', () => {
      const ew = (operator: string): Json => withCondition([{ question: 't', operator, answerInteger: 5 }]);
      const five = [{ valueInteger: 5 }];
      const six = [{ valueInteger: 6 }];
      expect([required(ew('='), five), required(ew('='), six)]).to.deep.equal([true, false]);
      expect([required(ew('!='), five), required(ew('!='), six)]).to.deep.equal([false, true]);
      expect([required(ew('>'), five), required(ew('>'), six)]).to.deep.equal([false, true]);
      expect([required(ew('<'), five), required(ew('<'), [{ valueInteger: 4 }])]).to.deep.equal([false, true]);
      expect([required(ew('>='), five), required(ew('>='), [{ valueInteger: 4 }])]).to.deep.equal([true, false]);
      expect([required(ew('<='), five), required(ew('<='), six)]).to.deep.equal([true, false]);
      expect(required(ew('='), undefined), 'no answer: not enabled').to.equal(false);
    });

    it('exists, Coding equality, dates and booleans', () => {
      const exists = withCondition([{ question: 't', operator: 'exists', answerBoolean: true }]);
      expect([required(exists, [{ valueInteger: 1 }]), required(exists, undefined)]).to.deep.equal([true, false]);
      const notExists = withCondition([{ question: 't', operator: 'exists', answerBoolean: false }]);
      expect([required(notExists, [{ valueInteger: 1 }]), required(notExists, undefined)]).to.deep.equal([false, true]);
      const coding = withCondition(
        [{ question: 't', operator: '=', answerCoding: { system: 'http://s', code: 'y' } }],
        undefined,
        'choice',
      );
      expect([
        required(coding, [{ valueCoding: { system: 'http://s', code: 'y', display: 'Yes' } }]),
        required(coding, [{ valueCoding: { system: 'http://s', code: 'n' } }]),
      ]).to.deep.equal([true, false]);
      const date = withCondition([{ question: 't', operator: '>', answerDate: '2020-01-01' }], undefined, 'date');
      expect([
        required(date, [{ valueDate: '2020-06-01' }]),
        required(date, [{ valueDate: '2019-12-31' }]),
      ]).to.deep.equal([true, false]);
      const bool = withCondition([{ question: 't', operator: '=', answerBoolean: true }], undefined, 'boolean');
      expect([required(bool, [{ valueBoolean: true }]), required(bool, [{ valueBoolean: false }])]).to.deep.equal([
        true,
        false,
      ]);
    });

    it('enableBehavior any / all', () => {
      const conds = [
        { question: 't', operator: '=', answerInteger: 1 },
        { question: 'u', operator: '=', answerString: 'yes' },
      ];
      const any = withCondition(conds, 'any');
      const all = withCondition(conds, 'all');
      const one = [{ valueInteger: 1 }];
      const yes = [{ valueString: 'yes' }];
      expect([required(any, one), required(any, one, yes), required(any, [{ valueInteger: 2 }])]).to.deep.equal([
        true,
        true,
        false,
      ]);
      expect([required(all, one), required(all, one, yes)]).to.deep.equal([false, true]);
    });

    it('an answer to a disabled item is an error', () => {
      const q = withCondition([{ question: 't', operator: '=', answerInteger: 1 }]);
      const issues = run(
        q,
        response([
          { linkId: 't', answer: [{ valueInteger: 2 }] },
          { linkId: 'dep', answer: [{ valueString: 'x' }] },
        ]),
      );
      expect(errors(issues)).to.deep.equal([
        "QuestionnaireResponse.item[1]: Item has answer, even though it is not enabled (item id = 'dep')",
      ]);
    });

    it('looks for the answer within the same repetition of the enclosing group', () => {
      const q = questionnaire([
        {
          linkId: 'g',
          type: 'group',
          repeats: true,
          item: [
            { linkId: 'g.t', type: 'boolean' },
            {
              linkId: 'g.dep',
              type: 'string',
              required: true,
              enableWhen: [{ question: 'g.t', operator: '=', answerBoolean: true }],
            },
          ],
        },
      ]);
      const qr = response([
        { linkId: 'g', item: [{ linkId: 'g.t', answer: [{ valueBoolean: true }] }] },
        { linkId: 'g', item: [{ linkId: 'g.t', answer: [{ valueBoolean: false }] }] },
      ]);
      expect(errors(run(q, qr))).to.deep.equal([
        "QuestionnaireResponse.item[0]: No response answer found for required item 'g.dep'",
      ]);
    });

    it('an enableWhenExpression is evaluated with FHIRPath; one that cannot be evaluated leaves the item enabled', () => {
      const expr = (expression: string): Json =>
        questionnaire([
          { linkId: 't', type: 'integer' },
          {
            linkId: 'dep',
            type: 'string',
            required: true,
            extension: [
              {
                url: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression',
                valueExpression: { language: 'text/fhirpath', expression },
              },
            ],
          },
        ]);
      const t = [{ linkId: 't', answer: [{ valueInteger: 3 }] }];
      expect(errors(run(expr("%resource.item.where(linkId='t').answer.value > 2"), response(t)))).to.deep.equal([
        missingDep,
      ]);
      expect(errors(run(expr("%resource.item.where(linkId='t').answer.value > 5"), response(t)))).to.deep.equal([]);
      expect(errors(run(expr("%patient.gender = 'male'"), response(t)))).to.deep.equal([missingDep]);
    });
  });

  describe('answer options', () => {
    it('Coding options match on system and code; display is ignored', () => {
      const item = {
        type: 'choice',
        repeats: true,
        answerOption: [
          { valueCoding: { system: 'http://s', code: 'a', display: 'A' } },
          { valueCoding: { system: 'http://s', code: 'b' } },
        ],
      };
      expect(
        errors(
          single(item, [
            { valueCoding: { system: 'http://s', code: 'a' } },
            { valueCoding: { system: 'http://s', code: 'b', display: 'B' } },
          ]),
        ),
      ).to.deep.equal([]);
      expect(errors(single(item, [{ valueCoding: { system: 'http://s', code: 'c' } }]))).to.deep.equal([
        `${A0}: The code http://s::c is not in the set of permitted values`,
      ]);
    });

    it('string, integer, date, time and Reference options', () => {
      const check = (type: string, option: Json, good: Json, bad: Json, message: string): void => {
        const item = { type, answerOption: [option] };
        expect(errors(single(item, [good])), `${type} accepted`).to.deep.equal([]);
        expect(errors(single(item, [bad])), `${type} rejected`).to.deep.equal([message]);
      };
      check(
        'string',
        { valueString: 's1' },
        { valueString: 's1' },
        { valueString: 's2' },
        `${A0}.value.ofType(string): The string s2 is not in the set of permitted values`,
      );
      check(
        'integer',
        { valueInteger: 1 },
        { valueInteger: 1 },
        { valueInteger: 2 },
        `${A0}.value.ofType(integer): The integer 2 is not in the set of permitted values`,
      );
      check(
        'date',
        { valueDate: '2022-01-01' },
        { valueDate: '2022-01-01' },
        { valueDate: '2022-01-02' },
        `${A0}.value.ofType(date): The date 2022-01-02 is not in the set of permitted values`,
      );
      check(
        'time',
        { valueTime: '10:00:00' },
        { valueTime: '10:00:00' },
        { valueTime: '09:00:00' },
        `${A0}.value.ofType(time): The time 09:00:00 is not in the set of permitted values`,
      );
      check(
        'choice',
        { valueInteger: 1 },
        { valueInteger: 1 },
        { valueInteger: 2 },
        `${A0}.value.ofType(integer): The integer 2 is not in the set of permitted values`,
      );
      check(
        'choice',
        { valueDate: '2022-01-01' },
        { valueDate: '2022-01-01' },
        { valueDate: '2022-01-02' },
        `${A0}.value.ofType(date): The date 2022-01-02 is not in the set of permitted values`,
      );
      check(
        'reference',
        { valueReference: { reference: 'Patient/1' } },
        { valueReference: { reference: 'Patient/1' } },
        { valueReference: { reference: 'Patient/2' } },
        `${A0}.value.ofType(Reference): The reference Patient/2 is not in the set of permitted values`,
      );
    });

    it('a choice answered with a type the options do not have', () => {
      const item = { type: 'choice', answerOption: [{ valueCoding: { system: 'http://s', code: 'a' } }] };
      expect(errors(single(item, [{ valueString: 'a' }]))).to.deep.equal([
        `${A0}.value.ofType(string): Option list has no option values of type string`,
      ]);
    });

    it('open-choice accepts free text, with a warning when the text names a coded option', () => {
      const item = {
        type: 'open-choice',
        answerOption: [{ valueCoding: { system: 'http://s', code: 'a', display: 'Apple' } }],
      };
      expect(errors(single(item, [{ valueString: 'Banana' }]))).to.deep.equal([]);
      const named = single(item, [{ valueString: 'apple' }]);
      expect(errors(named)).to.deep.equal([]);
      expect(warnings(named)).to.have.length(1);
      expect(errors(single(item, [{ valueCoding: { system: 'http://s', code: 'z' } }]))).to.deep.equal([
        `${A0}: The code http://s::z is not in the set of permitted values`,
      ]);
    });

    it('an exclusive option cannot be selected with others', () => {
      const exclusive = [
        { url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive', valueBoolean: true },
      ];
      const item = {
        type: 'choice',
        repeats: true,
        answerOption: [
          { valueCoding: { system: 'http://s', code: 'none' }, extension: exclusive },
          { valueCoding: { system: 'http://s', code: 'a' } },
        ],
      };
      expect(errors(single(item, [{ valueCoding: { system: 'http://s', code: 'none' } }]))).to.deep.equal([]);
      expect(
        errors(
          single(item, [
            { valueCoding: { system: 'http://s', code: 'none' } },
            { valueCoding: { system: 'http://s', code: 'a' } },
          ]),
        ),
      ).to.deep.equal([
        `${A0}: Selected answer http://s::none is an exclusive option, so no other answer can be selected`,
      ]);
    });
  });

  describe('answer value sets', () => {
    const choice = { type: 'choice', answerValueSet: VS_URL };

    it('through the terminology port: valid, invalid, not checked', () => {
      const tx = fakeTerminology({ [VS_URL]: ['http://example.com/cs|red'] });
      const opts = { terminology: tx, resources: [VS] };
      expect(
        errors(single(choice, [{ valueCoding: { system: 'http://example.com/cs', code: 'red' } }], {}, opts)),
      ).to.deep.equal([]);
      expect(
        errors(single(choice, [{ valueCoding: { system: 'http://example.com/cs', code: 'green' } }], {}, opts)),
      ).to.deep.equal([
        `${A0}: The value provided (http://example.com/cs::green) is not in the options value set (${VS_URL}) in the questionnaire: green is not in ${VS_URL}`,
      ]);
      const notChecked = single(
        choice,
        [{ valueCoding: { system: 'http://example.com/cs', code: 'green' } }],
        {},
        { terminology: fakeTerminology({}, [VS_URL]), resources: [VS] },
      );
      expect(errors(notChecked)).to.deep.equal([]);
      expect(notChecked.map((i) => i.severity)).to.deep.equal(['information']);
    });

    it('without a port, enumerated value sets are checked locally', () => {
      expect(
        errors(
          single(choice, [{ valueCoding: { system: 'http://example.com/cs', code: 'blue' } }], {}, { resources: [VS] }),
        ),
      ).to.deep.equal([]);
      expect(
        errors(
          single(
            choice,
            [{ valueCoding: { system: 'http://example.com/cs', code: 'green' } }],
            {},
            { resources: [VS] },
          ),
        ),
      ).to.have.length(1);
      // a whole code system we hold (FHIR core)
      const gender = { type: 'choice', answerValueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' };
      expect(
        errors(
          single(gender, [{ valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'female' } }]),
        ),
      ).to.deep.equal([]);
      expect(
        errors(
          single(gender, [{ valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'woman' } }]),
        ),
      ).to.have.length(1);
    });

    it('a value set that cannot be found is a warning', () => {
      const issues = single({ type: 'choice', answerValueSet: 'http://example.com/ValueSet/none' }, [
        { valueCoding: { system: 'http://s', code: 'a' } },
      ]);
      expect(errors(issues)).to.deep.equal([]);
      expect(warnings(issues)).to.have.length(1);
    });

    it('contained value sets (#id), in the questionnaire or beside a contained questionnaire', () => {
      const q = questionnaire([{ linkId: 'q1', type: 'choice', answerValueSet: '#vs' }], {
        contained: [{ ...VS, id: 'vs' }],
      });
      expect(
        errors(
          run(
            q,
            response([{ linkId: 'q1', answer: [{ valueCoding: { system: 'http://example.com/cs', code: 'red' } }] }]),
          ),
        ),
      ).to.deep.equal([]);
      expect(
        errors(
          run(
            q,
            response([{ linkId: 'q1', answer: [{ valueCoding: { system: 'http://example.com/cs', code: 'pink' } }] }]),
          ),
        ),
      ).to.have.length(1);
      const inner = questionnaire([{ linkId: 'q1', type: 'choice', answerValueSet: '#vs' }], { id: 'cq' });
      const qr = response([{ linkId: 'q1', answer: [{ valueCoding: { code: 'blue' } }] }], {
        questionnaire: '#cq',
        contained: [inner, { ...VS, id: 'vs' }],
      });
      expect(errors(run(undefined, qr)), 'a code without system found in the value set').to.deep.equal([]);
    });

    it('open-choice: text answers and display-only Codings are not checked against the value set', () => {
      const item = { type: 'open-choice', answerValueSet: VS_URL };
      expect(errors(single(item, [{ valueString: 'anything' }], {}, { resources: [VS] }))).to.deep.equal([]);
      expect(
        errors(single(item, [{ valueCoding: { display: 'Something else' } }], {}, { resources: [VS] })),
      ).to.deep.equal([]);
    });

    it('a string item with an answerValueSet: the text must be a code of the value set', () => {
      const item = { type: 'string', repeats: true, answerValueSet: VS_URL };
      expect(
        errors(single(item, [{ valueString: 'red' }, { valueString: 'Red colour' }], {}, { resources: [VS] })),
      ).to.deep.equal([
        `QuestionnaireResponse.item[0].answer[1].value.ofType(string): The value 'Red colour' is not in the list of allowed values (value set '${VS_URL}')`,
      ]);
    });
  });

  describe('value constraints from extensions', () => {
    const ext = (url: string, value: Json): Json => ({
      url: `http://hl7.org/fhir/StructureDefinition/${url}`,
      ...value,
    });

    it('minValue / maxValue on integer and decimal', () => {
      const item = {
        type: 'integer',
        extension: [ext('minValue', { valueInteger: 1 }), ext('maxValue', { valueInteger: 10 })],
      };
      expect(errors(single(item, [{ valueInteger: 10 }]))).to.deep.equal([]);
      expect(errors(single(item, [{ valueInteger: 0 }]))).to.deep.equal([
        `${A0}.value.ofType(integer): The value 0 is less than the allowed minimum of 1`,
      ]);
      expect(errors(single(item, [{ valueInteger: 11 }]))).to.deep.equal([
        `${A0}.value.ofType(integer): The value 11 is greater than the allowed maximum of 10`,
      ]);
      const dec = {
        type: 'decimal',
        extension: [ext('minValue', { valueDecimal: 0.5 }), ext('maxDecimalPlaces', { valueInteger: 2 })],
      };
      expect(errors(single(dec, [{ valueDecimal: 0.75 }]))).to.deep.equal([]);
      expect(errors(single(dec, [{ valueDecimal: 0.125 }]))).to.deep.equal([
        `${A0}.value.ofType(decimal): The value 0.125 is less than the allowed minimum of 0.5`,
        `${A0}.value.ofType(decimal): The value 0.125 has too many decimal places (limit = 2)`,
      ]);
    });

    it('minValue / maxValue on date, dateTime (by the start of each value) and time', () => {
      const date = {
        type: 'date',
        extension: [ext('minValue', { valueDate: '2020' }), ext('maxValue', { valueDate: '2022-06' })],
      };
      expect(errors(single(date, [{ valueDate: '2020' }]))).to.deep.equal([]);
      expect(errors(single(date, [{ valueDate: '2022-06' }]))).to.deep.equal([]);
      expect(errors(single(date, [{ valueDate: '2019-12-31' }]))).to.have.length(1);
      expect(errors(single(date, [{ valueDate: '2022-06-30' }]))).to.deep.equal([
        `${A0}.value.ofType(date): The value 2022-06-30 is greater than the allowed maximum of 2022-06`,
      ]);
      const dt = { type: 'dateTime', extension: [ext('maxValue', { valueDateTime: '2022-01-01T12:00:00Z' })] };
      expect(errors(single(dt, [{ valueDateTime: '2022-01-01T13:00:00+02:00' }]))).to.deep.equal([]);
      expect(errors(single(dt, [{ valueDateTime: '2022-01-01T13:00:00Z' }]))).to.have.length(1);
      const time = {
        type: 'time',
        extension: [ext('minValue', { valueTime: '08:00:00' }), ext('maxValue', { valueTime: '17:00:00' })],
      };
      expect(errors(single(time, [{ valueTime: '12:00:00' }]))).to.deep.equal([]);
      expect(errors(single(time, [{ valueTime: '07:59:00' }]))).to.deep.equal([
        `${A0}.value.ofType(time): The value 07:59:00 is less than the allowed minimum of 08:00:00`,
      ]);
    });

    it('a Questionnaire regex runs in linear time, and one it cannot run is not checked', function () {
      this.timeout(10_000);
      const evil = { type: 'string', extension: [ext('regex', { valueString: '(a+)+b' })] };
      const victim = `${'a'.repeat(32)}c`;
      expect(errors(single(evil, [{ valueString: victim }]))).to.deep.equal([
        `${A0}.value.ofType(string): The answer '${victim}' does not match the regex '(a+)+b'`,
      ]);
      const backref = { type: 'string', extension: [ext('regex', { valueString: '(ab)\\1' })] };
      expect(warnings(single(backref, [{ valueString: 'abab' }]))).to.deep.equal([
        `${A0}.value.ofType(string): not checked: item 'q1': the regex '(ab)\\1' is not supported (backreferences and lookaround cannot run in linear time)`,
      ]);
    });

    it('minLength, maxLength and regex (with entryFormat) on strings', () => {
      const item = { type: 'string', maxLength: 5, extension: [ext('minLength', { valueInteger: 2 })] };
      expect(errors(single(item, [{ valueString: 'abc' }]))).to.deep.equal([]);
      expect(errors(single(item, [{ valueString: 'a' }]))).to.deep.equal([
        `${A0}.value.ofType(string): The answer 'a' is shorter than the required minimum length of 2`,
      ]);
      expect(errors(single(item, [{ valueString: 'abcdef' }]))).to.deep.equal([
        `${A0}.value.ofType(string): The answer 'abcdef' is longer than the allowed maximum length of 5`,
      ]);
      const re = { type: 'string', extension: [ext('regex', { valueString: '[0-9]{3}' })] };
      expect(errors(single(re, [{ valueString: '123' }]))).to.deep.equal([]);
      expect(errors(single(re, [{ valueString: '1234' }])), 'the whole answer must match').to.deep.equal([
        `${A0}.value.ofType(string): The answer '1234' does not match the regex '[0-9]{3}'`,
      ]);
      const fmt = {
        type: 'string',
        extension: [ext('regex', { valueString: '[0-9]{3}' }), ext('entryFormat', { valueString: 'nnn' })],
      };
      expect(errors(single(fmt, [{ valueString: 'ab' }]))).to.deep.equal([
        `${A0}.value.ofType(string): The answer 'ab' does not conform to the expected format 'nnn' (regex '[0-9]{3}')`,
      ]);
      expect(warnings(single({ type: 'string' }, [{ valueString: 'two\nlines' }]))).to.have.length(1);
    });

    it('attachments: mimeType and maxSize', () => {
      const item = {
        type: 'attachment',
        extension: [ext('mimeType', { valueCode: 'image/' }), ext('maxSize', { valueDecimal: 4 })],
      };
      expect(errors(single(item, [{ valueAttachment: { contentType: 'image/png', data: 'YWJjZA==' } }]))).to.deep.equal(
        [],
      );
      expect(
        errors(single(item, [{ valueAttachment: { contentType: 'application/pdf', data: 'YWJjZGU=' } }])),
      ).to.deep.equal([
        `${A0}: The mime type application/pdf is not valid for this answer (allowed = image/)`,
        `${A0}: The attachment is too large (allowed = 4, found = 5)`,
      ]);
      expect(errors(single(item, [{ valueAttachment: { url: 'http://x.org/a.png', size: 10 } }]))).to.have.length(2);
    });

    it('references: questionnaire-referenceResource, and resource types that do not exist', () => {
      const item = {
        type: 'reference',
        repeats: true,
        extension: [ext('questionnaire-referenceResource', { valueCode: 'Patient' })],
      };
      expect(
        errors(
          single(item, [
            { valueReference: { reference: 'Patient/1' } },
            { valueReference: { reference: 'https://x.org/fhir/Patient/2/_history/1' } },
          ]),
        ),
      ).to.deep.equal([]);
      expect(errors(single(item, [{ valueReference: { reference: 'Organization/1' } }]))).to.deep.equal([
        `${A0}.value.ofType(Reference): The resource type 'Organization' in the reference Organization/1 is not allowed (allowed = Patient)`,
      ]);
      const uuid = single(item, [{ valueReference: { reference: 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520' } }]);
      expect(errors(uuid)).to.deep.equal([]);
      expect(warnings(uuid)).to.have.length(1);
      expect(
        errors(single({ type: 'reference' }, [{ valueReference: { reference: 'https://x.org/Chicken/1' } }])),
      ).to.deep.equal([
        `${A0}.value.ofType(Reference): The resource type Chicken in the reference https://x.org/Chicken/1 is not valid`,
      ]);
    });

    it('url answers: uuids must be valid and lowercase', () => {
      expect(
        errors(single({ type: 'url' }, [{ valueUri: 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520' }])),
      ).to.deep.equal([]);
      expect(
        errors(single({ type: 'url' }, [{ valueUri: 'urn:uuid:C757873D-EC9A-4326-A141-556F43239520' }])),
      ).to.deep.equal([
        `${A0}.value.ofType(uri): UUIDs must be valid and lowercase (C757873D-EC9A-4326-A141-556F43239520)`,
      ]);
    });
  });

  describe('quantities', () => {
    const SDC = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/';
    const UCUM = 'http://unitsofmeasure.org';
    const kg = (value: number, code = 'kg'): Json => ({ valueQuantity: { value, unit: code, system: UCUM, code } });
    const bounds = (min: Json, max: Json): Json => ({
      type: 'quantity',
      extension: [
        { url: `${SDC}sdc-questionnaire-minQuantity`, valueQuantity: min },
        { url: `${SDC}sdc-questionnaire-maxQuantity`, valueQuantity: max },
      ],
    });
    const item = bounds({ value: 5, system: UCUM, code: 'kg' }, { value: 50, system: UCUM, code: 'kg' });

    it('compares in the same unit, inclusive', () => {
      expect(errors(single(item, [kg(5)]))).to.deep.equal([]);
      expect(errors(single(item, [kg(10)]))).to.deep.equal([]);
      expect(errors(single(item, [kg(50)]))).to.deep.equal([]);
      expect(errors(single(item, [kg(4)]))).to.deep.equal([
        `${A0}.value.ofType(Quantity): The quantity 4 kg (UCUM#kg) is less than the allowed minimum of 5 (UCUM#kg)`,
      ]);
      expect(errors(single(item, [kg(51)]))).to.have.length(1);
    });

    it('converts between commensurable UCUM units, and rejects units that cannot be compared', () => {
      expect(errors(single(item, [kg(20000, 'g')]))).to.deep.equal([]);
      expect(errors(single(item, [kg(100, 'g')]))).to.have.length(1);
      expect(errors(single(item, [kg(10, 'km')]))).to.deep.equal([
        `${A0}.value.ofType(Quantity): The quantity 10 km (UCUM#km) cannot be compared to the allowed minimum of 5 (UCUM#kg) because the units are not comparable`,
        `${A0}.value.ofType(Quantity): The quantity 10 km (UCUM#km) cannot be compared to the allowed maximum of 50 (UCUM#kg) because the units are not comparable`,
      ]);
    });

    it('without coded units, nothing can be compared', () => {
      const loose = bounds({ value: 5, unit: 'Kg' }, { value: 50, unit: 'Kg' });
      expect(errors(single(loose, [{ valueQuantity: { value: 10, unit: 'Kg' } }]))).to.deep.equal([
        `${A0}.value.ofType(Quantity): The quantity 10 Kg cannot be compared to the allowed minimum of 5 Kg because no formal units are specified`,
        `${A0}.value.ofType(Quantity): The quantity 10 Kg cannot be compared to the allowed maximum of 50 Kg because no formal units are specified`,
      ]);
    });

    it('questionnaire-unitOption and questionnaire-unitValueSet', () => {
      const opt = (code: string, display?: string): Json => ({
        url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption',
        valueCoding: { system: UCUM, code, ...(display ? { display } : {}) },
      });
      const units = { type: 'quantity', repeats: true, extension: [opt('km', 'kilometer'), opt('m')] };
      expect(
        errors(
          single(units, [{ valueQuantity: { value: 1, unit: 'kilometer', system: UCUM, code: 'km' } }, kg(3, 'm')]),
        ),
      ).to.deep.equal([]);
      expect(errors(single(units, [kg(3)]))).to.deep.equal([
        `${A0}.value.ofType(Quantity): The value 3 kg (UCUM#kg) has a unit that is not valid (allowed = kilometer (UCUM#km), (UCUM#m))`,
      ]);
      const UNITS_VS = 'http://example.com/ValueSet/units';
      const vs = {
        resourceType: 'ValueSet',
        url: UNITS_VS,
        status: 'active',
        compose: { include: [{ system: UCUM, concept: [{ code: 'kg' }] }] },
      };
      const byVs = {
        type: 'quantity',
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unitValueSet', valueCanonical: UNITS_VS },
        ],
      };
      expect(errors(single(byVs, [kg(3)], {}, { resources: [vs] }))).to.deep.equal([]);
      expect(errors(single(byVs, [kg(3, 'g')], {}, { resources: [vs] }))).to.deep.equal([
        `${A0}.value.ofType(Quantity): The unit of 3 g (UCUM#g) is not in the value set ${UNITS_VS}`,
      ]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Agreement with the HL7 Java validator on the official fhir-test-cases (module "questionnaire",
// the cases whose file is a QuestionnaireResponse), counting this hook's verdict alone.
// ---------------------------------------------------------------------------------------------

/**
 * This hook's agreement with Java on those cases (dev split), as last measured: 47 of 48.
 * The one disagreement: string-with-coding-async-qr, where 'Australia' is not a code of
 * http://hl7.org/fhir/ValueSet/jurisdiction; deciding that needs the ISO 3166 code system, which
 * only a terminology service holds (none is given here, so the hook reports "not checked").
 */
const RECORDED_AGREEMENT = 47 / 48;
const REQUIRED_AGREEMENT = 0.85;

/**
 * Cases where Java's only errors come from the structural validation of the response
 * (src/validation/validator.ts), not from its fit with the Questionnaire: structural, not
 * this module's, so left out of the figure.
 * - open-choice-invalid-type-qr: "Unrecognized property 'valueCode'" (not an R4 answer type)
 * - nested-questionnaire-nested-valueset: an unknown extension on the contained Questionnaire
 * - attachment-inconsistent-size-qr: Attachment.size disagrees with the size of Attachment.data
 *   (a check of the Attachment datatype wherever it appears)
 */
const STRUCTURAL = new Set([
  'open-choice-invalid-type-qr',
  'nested-questionnaire-nested-valueset',
  'attachment-inconsistent-size-qr',
]);

interface TestCase {
  id: string;
  module: string;
  file: string;
  supporting: string[];
  expected: { verdict: 'valid' | 'invalid'; javaMessages: string[] };
}

describe('QuestionnaireResponse validation: agreement with the HL7 Java validator (fhir-test-cases)', function () {
  this.timeout(60_000);
  const casesDir = path.resolve(PROJECT_ROOT, '..', 'shared', 'fhir-test-cases');
  const readJson = (file: string): Json =>
    JSON.parse(readFileSync(path.join(casesDir, 'files', file), 'utf8').replace(/^\uFEFF/, '')) as Json;

  it(`agrees on at least ${REQUIRED_AGREEMENT * 100}% of the QuestionnaireResponse verdicts (structural cases excluded)`, function () {
    if (!existsSync(path.join(casesDir, 'cases.json'))) {
      console.log(`      (skipped: ${casesDir} is absent; the official test cases are not part of the project)`);
      this.skip();
    }
    const manifest = JSON.parse(readFileSync(path.join(casesDir, 'cases.json'), 'utf8')) as {
      split: string;
      cases: TestCase[];
    };
    let agree = 0;
    let total = 0;
    const disagreements: string[] = [];
    for (const c of manifest.cases.filter((x) => x.module === 'questionnaire')) {
      let qr: Json;
      try {
        qr = readJson(c.file);
      } catch {
        continue; // not JSON we can read: not a QuestionnaireResponse case
      }
      if (qr.resourceType !== 'QuestionnaireResponse' || STRUCTURAL.has(c.id)) continue;
      const registry = coreRegistry().layer();
      for (const s of c.supporting) registry.add(readJson(s) as unknown as CanonicalResource);
      const sink = new IssueSink();
      validateQuestionnaireResponse(qr, 'QuestionnaireResponse', {
        registry,
        sink,
        resolve: (url) =>
          (registry.resolve(url) as Json | undefined) ??
          (Array.isArray(qr.contained) ? (qr.contained as Json[]).find((r) => r.url === url) : undefined),
      });
      const verdict = sink.hasErrors() ? 'invalid' : 'valid';
      total++;
      if (verdict === c.expected.verdict) agree++;
      else {
        const ours = sink.issues.filter((i) => i.severity === 'error').map((i) => `${i.expression}: ${i.message}`);
        disagreements.push(
          `${c.id} (Java ${c.expected.verdict}: ${c.expected.javaMessages.join(' | ') || '-'}; homolog ${verdict}: ${ours.join(' | ') || '-'})`,
        );
      }
    }
    const rate = total === 0 ? 1 : agree / total;
    console.log(
      `      questionnaire hook agreement: ${agree}/${total} = ${(rate * 100).toFixed(1)}% (split ${manifest.split}; recorded ${(RECORDED_AGREEMENT * 100).toFixed(1)}%)`,
    );
    for (const d of disagreements) console.log(`        disagrees: ${d}`);
    expect(total).to.be.greaterThan(0);
    expect(rate).to.be.at.least(REQUIRED_AGREEMENT);
    if (manifest.split === 'dev')
      expect(rate, 'agreement fell below the recorded figure').to.be.at.least(RECORDED_AGREEMENT);
  });
});
