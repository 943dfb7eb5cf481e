import type { Lang } from '../model/run-result.js';
import { blockingReasons, COMPARISON_FORMAT_VERSION, type RunComparison } from './compare.js';
import { renderCompareHtml } from './html.js';
import { renderCompareText } from './text.js';

export type CompareFormat = 'text' | 'json' | 'html';

export const COMPARE_FORMATS: readonly CompareFormat[] = ['text', 'json', 'html'];

export function isCompareFormat(value: string): value is CompareFormat {
  return (COMPARE_FORMATS as readonly string[]).includes(value);
}

/**
 * The comparison for machines: a versioned envelope, then the comparison with
 * every list sorted by id (see compareRuns), 2-space JSON, final newline.
 */
export function renderCompareJson(cmp: RunComparison): string {
  const blocking = blockingReasons(cmp);
  const doc = {
    format: 'homolog-compare',
    formatVersion: COMPARISON_FORMAT_VERSION,
    regression: cmp.regressions.length > 0,
    scopeNarrowed: cmp.scope.length > 0,
    targetChanged: cmp.target.length > 0,
    /** What makes `homolog compare` exit 1: regression, scope, target. */
    blocking,
    ...cmp,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function renderComparison(
  cmp: RunComparison,
  format: CompareFormat,
  lang: Lang,
  homologVersion: string,
): string {
  switch (format) {
    case 'text':
      return renderCompareText(cmp, lang);
    case 'json':
      return renderCompareJson(cmp);
    case 'html':
      return renderCompareHtml(cmp, lang, homologVersion);
  }
}
