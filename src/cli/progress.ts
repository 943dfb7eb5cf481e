import type { CheckResult, CheckStatus, Lang, LocalizedText } from '../model/run-result.js';
import type { RunListener } from '../run/execute.js';
import { safeLine } from '../util/safe-text.js';
import { m } from './messages.js';

export interface ProgressOptions {
  /** Live, overwritten status line (interactive terminals only). */
  live: boolean;
  color: boolean;
  /** Put before every line (several sessions at once: whose line it is); safe text, given by the caller. */
  prefix?: string;
  /** The language of the status labels and of the message after a check that did not pass. */
  lang: Lang;
}

/** Interactive only on a TTY outside CI; NO_COLOR turns colours off. */
export function progressOptionsFor(
  stream: NodeJS.WriteStream,
  lang: Lang,
  env: NodeJS.ProcessEnv = process.env,
): ProgressOptions {
  const interactive = Boolean(stream.isTTY) && !env.CI;
  return { live: interactive, color: interactive && env.NO_COLOR === undefined && env.TERM !== 'dumb', lang };
}

const LABEL: Record<CheckStatus, LocalizedText> = {
  pass: m.statusPass(),
  fail: m.statusFail(),
  warn: m.statusWarn(),
  skip: m.statusSkip(),
  error: m.statusError(),
  omit: m.statusOmit(),
};

/** The labels of one language, padded to the longest so the check ids line up. */
function labels(lang: Lang): Record<CheckStatus, string> {
  const width = Math.max(...Object.values(LABEL).map((l) => l[lang].length));
  return Object.fromEntries(Object.entries(LABEL).map(([s, l]) => [s, l[lang].padEnd(width)])) as Record<
    CheckStatus,
    string
  >;
}
const COLOR: Record<CheckStatus, number> = { pass: 32, fail: 31, warn: 33, skip: 90, error: 35, omit: 90 };

/** One line per finished check; on a TTY a live line shows the check in progress. */
export function createProgress(stream: NodeJS.WritableStream, options: ProgressOptions): RunListener {
  const paint = (status: CheckStatus, text: string): string =>
    options.color ? `\x1b[${COLOR[status]}m${text}\x1b[0m` : text;
  const prefix = options.prefix ?? '';
  const label = labels(options.lang);
  const indent = Math.max(...Object.values(label).map((l) => l.length)) + 2;
  let liveShown = false;
  const clearLive = (): void => {
    if (liveShown) stream.write('\r\x1b[2K');
    liveShown = false;
  };
  return {
    checkStart(suiteId, test) {
      if (!options.live) return;
      clearLive();
      stream.write(`${prefix}  …${' '.repeat(indent - 2)}${suiteId}/${test.id}`);
      liveShown = true;
    },
    checkEnd(check: CheckResult, done: number, total: number) {
      clearLive();
      const width = String(total).length;
      const counter = `[${String(done).padStart(width)}/${total}]`;
      const reqs = check.requirements.join(',');
      stream.write(
        `${prefix}${counter} ${paint(check.status, label[check.status])} ${check.id} [${reqs}] ${check.durationMs} ms\n`,
      );
      if (check.status !== 'pass' && check.message)
        stream.write(`${prefix}${' '.repeat(counter.length + indent)}${oneLine(check.message[options.lang])}\n`);
    },
  };
}

/** The message comes from the target: one line, no escape sequence, no workflow command. */
function oneLine(text: string): string {
  const flat = safeLine(text).replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
