import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { homolog } from '../support/cli.js';
import { type HostileMode, startHostileServer } from '../support/hostile-server.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

/**
 * A report is always written (issue 11): whatever the target does, run.json,
 * report.html and junit.xml are written and schema-valid, the checks errored
 * and every exchange a check cites recorded.
 */
describe('a report is always written, whatever the target does (CLI)', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  const cases: { mode: HostileMode; code: RegExp; checkTimeout?: number }[] = [
    // The check's time limit (400 ms) comes long before the exchange's (30 s): the check is aborted in flight.
    { mode: 'hang', code: /^aborted$/, checkTimeout: 400 },
    { mode: 'drip', code: /^aborted$/, checkTimeout: 400 },
    { mode: 'status-0', code: /^(invalid-status|protocol)$/ },
    { mode: 'status-99', code: /^(invalid-status|protocol)$/ },
    { mode: 'status-600', code: /^invalid-status$/ },
    { mode: 'status-999', code: /^invalid-status$/ },
    { mode: 'malformed-headers', code: /^protocol$/ },
  ];
  for (const { mode, code, checkTimeout } of cases) {
    it(`"${mode}": every check errors, the exchanges are recorded (${code.source}), the reports are valid`, async () => {
      const server = await startHostileServer(mode);
      const out = path.join(tmp.dir, mode);
      try {
        const file = path.join(tmp.dir, `${mode}.yaml`);
        await writeFile(file, `baseUrl: ${server.baseUrl}\ntimeoutMs: ${checkTimeout ? 30_000 : 2_000}\n`);
        const args = [
          'run',
          '-q',
          '--target',
          file,
          '--suite',
          'fhir-core',
          '--out',
          out,
          ...(checkTimeout ? ['--timeout', String(checkTimeout)] : []),
        ];
        const res = await homolog(args);
        expect(res.code, res.stderr).to.equal(1);
        expect(res.stderr).not.to.match(/^\s+at /m);
        expect(res.stderr).not.to.contain('does not match its schema');
        expect((await readdir(out)).sort()).to.include.members(['junit.xml', 'report.html', 'run.json']);
        const run = await readRun(out); // schema-valid, every cited exchange exists
        expect(run.summary.checks.error).to.be.greaterThan(0);
        expect(run.summary.checks.pass).to.equal(0);
        expect(run.verdict.conforms).to.equal(false);
        const ids = new Set(run.exchanges.map((x) => x.id));
        for (const c of run.checks)
          for (const x of c.exchanges) expect(ids.has(x), `${c.id} cites ${x}`).to.equal(true);
        const errors = run.exchanges.flatMap((x) => (x.error ? [x.error.code] : []));
        expect(errors, JSON.stringify(run.exchanges.slice(0, 2))).to.not.be.empty;
        for (const e of errors) expect(e).to.match(code);
        if (mode === 'drip') {
          // The partial response that had arrived is kept as evidence.
          const partial = run.exchanges.find((x) => x.error?.code === 'aborted' && x.response);
          expect(partial?.response?.status).to.equal(200);
          expect(partial?.response?.bodySize).to.be.greaterThan(0);
        }
        if (checkTimeout) {
          const timedOut = run.checks.filter(
            (c) => c.status === 'error' && /did not finish within/.test(c.message?.en ?? ''),
          );
          expect(timedOut).to.not.be.empty;
          for (const c of timedOut) expect(c.exchanges, c.id).to.not.be.empty;
        }
      } finally {
        await server.close();
      }
    });
  }
});
