/**
 * Regular expressions that come from profiles, IGs, Questionnaires and
 * FHIRPath invariants run on RE2JS (a pure-JS port of RE2, MIT): linear time
 * in the input, so a pattern such as `(a+)+b` cannot hang the validator as it
 * does on a backtracking engine. RE2 refuses backreferences and lookaround:
 * such a pattern is `undefined` here and the caller reports "not checked".
 */
import { RE2JS } from 're2js';

export interface Matcher {
  test(value: string): boolean;
}

const whole = new Map<string, RE2JS | null>();
const found = new Map<string, RE2JS | null>();

function compile(cache: Map<string, RE2JS | null>, key: string, source: string, flags: number): RE2JS | undefined {
  let re = cache.get(key);
  if (re === undefined) {
    try {
      re = RE2JS.compile(source, flags);
    } catch {
      re = null;
    }
    cache.set(key, re);
  }
  return re ?? undefined;
}

/** A FHIR (XML Schema style) regex, matched against the whole value. */
export function wholeMatch(source: string): Matcher | undefined {
  const re = compile(whole, source, source, 0);
  return re ? { test: (value) => re.matches(value) } : undefined;
}

/** FHIRPath `matches()`: found anywhere in the value, `.` matching newlines; flags `i` and `m`. */
export function findMatch(source: string, flags = ''): Matcher | undefined {
  const re = compile(
    found,
    `${flags}\u0000${source}`,
    source,
    RE2JS.DOTALL | (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0),
  );
  return re ? { test: (value) => re.matcher(value).find() } : undefined;
}

/** FHIRPath `replaceMatches()`: every match replaced (`$1` names a group); undefined when the pattern is not supported. */
export function replaceMatches(value: string, source: string, substitution: string): string | undefined {
  const re = compile(found, `r\u0000${source}`, source, 0);
  return re ? re.matcher(value).replaceAll(substitution) : undefined;
}

export function unsupportedRegex(source: string): string {
  return `the regex '${source}' is not supported (backreferences and lookaround cannot run in linear time)`;
}
