import Handlebars from 'handlebars';
import type { HomologationSeal } from '../model/homologation.js';
import type { Lang, RunResult } from '../model/run-result.js';
import { buildHtmlView, type HtmlView } from './html-view.js';
import { loadLocale } from './locale.js';
import { compileTemplate, field } from './templates.js';
import { mapStrings, markHtmlIllegal } from './text.js';

export const HTML_TEMPLATE = 'report.html.hbs';

// A private instance: our helpers never leak into (or get overridden by) anyone else's Handlebars.
const hb = Handlebars.create();
hb.registerHelper('t', translate);

let template: Handlebars.TemplateDelegate<HtmlView> | undefined;

/**
 * The homologation report as one self-contained HTML page in the given language.
 * Every run value is escaped by the template ({{ }}); control characters are
 * shown as U+FFFD rather than passed through. With the seal of a signed
 * homologation, the report shows its signature block; without, "not signed".
 */
export function renderHtml(run: RunResult, lang: Lang, seal: HomologationSeal | null = null): string {
  template ??= compileTemplate<HtmlView>(hb, HTML_TEMPLATE);
  return template(buildHtmlView(mapStrings(run, markHtmlIllegal), lang, seal && mapStrings(seal, markHtmlIllegal)));
}

/**
 * {{t "status." status}}: joins its arguments into a message key and looks it up
 * in the language of the view being rendered (@root.lang).
 */
function translate(...args: unknown[]): string {
  const options = args.pop();
  const lang = field(field(field(options, 'data'), 'root'), 'lang');
  if (lang !== 'fr' && lang !== 'en')
    throw new Error(`report template: no language at @root.lang (got ${String(lang)})`);
  return loadLocale(lang).t(args.map(String).join(''));
}
