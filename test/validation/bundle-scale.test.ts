import { expect } from 'chai';
import type { HttpResponse } from '../../src/http/client.js';
import { validateResponses, validateResponsesAsync } from '../../src/suite/response-conformance.js';
import { BundleIndex } from '../../src/validation/bundle-index.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { Validator } from '../../src/validation/validator.js';

/** n Basic entries, each referring to the next one by a relative reference. */
function chain(n: number, type = 'collection'): Record<string, unknown> {
  const entry = [];
  for (let i = 0; i < n; i++) {
    entry.push({
      fullUrl: `http://example.org/fhir/Basic/b${i}`,
      resource: {
        resourceType: 'Basic',
        id: `b${i}`,
        code: { text: 'x' },
        subject: { reference: `Basic/b${(i + 1) % n}` },
      },
    });
  }
  return { resourceType: 'Bundle', type, entry };
}

const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');

describe('validation: Bundles at scale', () => {
  it('resolves every reference of a 30,000-entry Bundle in a number of steps linear in its entries', () => {
    const n = 30_000;
    const index = new BundleIndex(chain(n));
    for (let i = 0; i < n; i++) {
      const hit = index.resolve(`Basic/b${(i + 1) % n}`, undefined);
      expect(hit?.resource.id).to.equal(`b${(i + 1) % n}`);
      expect(index.resolve(`http://example.org/fhir/Basic/b${i}`, undefined)?.count).to.equal(1);
    }
    // A scan of every entry per reference would take n × n = 900,000,000 steps.
    expect(index.steps).to.be.at.most(6 * n);
  });

  it('resolves versioned, absolute and urn:uuid references through the index as before', () => {
    const index = new BundleIndex({
      resourceType: 'Bundle',
      entry: [
        { fullUrl: 'urn:uuid:7f5f0d27-5ad4-4a3e-8d6c-1c1e7b1b0c11', resource: { resourceType: 'Patient', id: 'p1' } },
        {
          fullUrl: 'http://example.org/fhir/Patient/p2',
          resource: { resourceType: 'Patient', id: 'p2', meta: { versionId: '3' } },
        },
      ],
    });
    expect(index.resolve('urn:uuid:7f5f0d27-5ad4-4a3e-8d6c-1c1e7b1b0c11', undefined)?.resource.id).to.equal('p1');
    expect(index.resolve('Patient/p1', undefined), 'a urn:uuid entry is reached by its fullUrl only').to.equal(
      undefined,
    );
    expect(index.resolve('Patient/p2/_history/3', undefined)?.resource.id).to.equal('p2');
    expect(index.resolve('Patient/p2/_history/4', undefined)).to.equal(undefined);
    expect(index.resolve('http://example.org/fhir/Patient/p2/_history/3', undefined)?.resource.id).to.equal('p2');
  });

  it('validates a 20,000-entry Bundle well within the test timeout (quadratic resolution and bdl-7 took minutes)', function () {
    this.timeout(60_000);
    const issues = new Validator().validate(chain(20_000));
    expect(errors(issues)).to.deep.equal([]);
  });

  it('still reports duplicate fullUrls (bdl-7), now checked natively', () => {
    const bundle = chain(3);
    (bundle.entry as { fullUrl: string }[])[2]!.fullUrl = 'http://example.org/fhir/Basic/b0';
    const messages = errors(new Validator().validate(bundle)).map((i) => i.message);
    expect(
      messages.some(
        (m) =>
          m.startsWith('Constraint failed: bdl-7') && m.includes('duplicate fullUrl: http://example.org/fhir/Basic/b0'),
      ),
    ).to.equal(true);
    const history = {
      ...chain(3, 'history'),
      entry: (chain(3).entry as object[]).map((e) => ({
        ...e,
        fullUrl: 'http://example.org/fhir/Basic/b0',
        request: { method: 'PUT', url: 'Basic/b0' },
        response: { status: '200' },
      })),
    };
    expect(
      errors(new Validator().validate(history))
        .map((i) => i.message)
        .filter((m) => m.includes('bdl-7')),
    ).to.deep.equal([]);
  });
});

describe('validation: validateAsync (cancellable, yields to the event loop)', () => {
  it('finds exactly what validate finds, on a Bundle with errors in its entries', async () => {
    const bundle = chain(300);
    const entries = bundle.entry as { resource: Record<string, unknown> }[];
    entries[7]!.resource.unknown = 1;
    entries[250]!.resource.subject = { reference: 'Patient/nowhere', type: 'Group' };
    const validator = new Validator();
    const sync = validator.validate(bundle);
    expect(errors(sync)).to.have.length.greaterThan(0);
    expect(await validator.validateAsync(bundle)).to.deep.equal(sync);
  });

  it('lets timers run between chunks of a large Bundle', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await new Validator().validateAsync(chain(2_000));
    } finally {
      clearInterval(timer);
    }
    expect(ticks).to.be.greaterThan(0);
  });

  it('stops with an AbortError when its signal aborts, and before starting when already aborted', async () => {
    const controller = new AbortController();
    // Runs at the validator's first turn of the event loop, after the Bundle shell was walked.
    setImmediate(() => controller.abort());
    const error = await new Validator().validateAsync(chain(2_000), { signal: controller.signal }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error | undefined)?.name).to.equal('AbortError');
    const already = await new Validator().validateAsync(chain(2), { signal: AbortSignal.abort() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((already as Error | undefined)?.name).to.equal('AbortError');
  });

  it('is stopped by a timeout signal (what a check timeout will pass)', async function () {
    this.timeout(60_000);
    const error = await new Validator().validateAsync(chain(20_000), { signal: AbortSignal.timeout(50) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error | undefined)?.name).to.equal('TimeoutError');
  });
});

describe('suite: response conformance with a signal', () => {
  const response = (body: object): HttpResponse => ({
    exchangeId: 'x1',
    method: 'GET',
    url: 'https://target.example/Basic',
    status: 200,
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
    json: <T>() => body as T,
  });

  it('validateResponsesAsync finds what validateResponses finds, and stops when its signal aborts', async () => {
    const bundle = chain(200, 'searchset');
    (bundle.entry as { resource: Record<string, unknown> }[])[3]!.resource.unknown = 1;
    const sync = validateResponses([response(bundle)]);
    expect(sync.flatMap((v) => v.errors.map((e) => e.message)).join(' ')).to.include("Unrecognized property 'unknown'");
    expect((await validateResponsesAsync([response(bundle)])).map((v) => v.errors)).to.deep.equal(
      sync.map((v) => v.errors),
    );
    const error = await validateResponsesAsync([response(bundle)], { signal: AbortSignal.abort() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error | undefined)?.name).to.equal('AbortError');
  });
});
