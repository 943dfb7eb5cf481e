import { expect } from 'chai';
import { formatSummary } from '../../src/cli/summary.js';
import { formatDuration, formatPercent } from '../../src/report/format.js';
import { formatSize, sizeText } from '../../src/util/limits.js';
import { sampleRun } from '../report/helpers.js';

describe('numbers in French take the decimal comma', () => {
  it('the console summary gives the duration as "4,8 s" in French and "4.8 s" in English', () => {
    const run = { ...sampleRun(), durationMs: 4_800 };
    expect(formatSummary(run, {}, 'fr')).to.match(/ en 4,8 s/);
    expect(formatSummary(run, {}, 'en')).to.match(/ in 4\.8 s/);
  });

  it('sizes: "1,5 Mio" in French, "1.5 MiB" in English', () => {
    expect(formatSize(1.5 * 1024 * 1024, 'fr')).to.equal('1,5 Mio');
    expect(formatSize(1.5 * 1024 * 1024)).to.equal('1.5 MiB');
    expect(sizeText(10 * 1024 * 1024)).to.deep.equal({ fr: '10 Mio', en: '10 MiB' });
    expect(formatSize(512, 'fr')).to.equal('512 o');
  });

  it('report durations and shares', () => {
    expect(formatDuration(4_800, 'fr')).to.equal('4,8 s');
    expect(formatDuration(4_800, 'en')).to.equal('4.8 s');
    expect(formatPercent(0.9991, 'fr')).to.match(/^99,9\s%$/);
    expect(formatPercent(0.9991, 'en')).to.equal('99.9%');
  });
});
