/**
 * Display checks. A coding's display is right when it matches, ignoring case
 * and runs of white space, the concept's display or one of its designations
 * in French or English (or without a language): Québec data carries both.
 * A value set's own display and designations for a code count too.
 */

import type { LocalizedText } from '../util/i18n.js';
import type { Designation, Member } from './code-system.js';
import { wrongDisplay } from './messages.js';

/** Designation languages accepted as displays: French and English, any region. */
const ACCEPTED_LANGUAGE = /^(fr|en)(-|$)/i;

export function normaliseDisplay(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The displays a member accepts, with their language, in order of preference. */
export function validDisplays(member: Member): Designation[] {
  const out: Designation[] = [];
  const seen = new Set<string>();
  const add = (d: Designation) => {
    if (d.language && !ACCEPTED_LANGUAGE.test(d.language)) return;
    const key = normaliseDisplay(d.value);
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  for (const m of member.concept ? [member, member.concept] : [member]) {
    if (m.display) add({ value: m.display });
    for (const d of m.designations ?? []) add(d);
  }
  return out;
}

function accepted(member: Member): Set<string> {
  if (!member.accepted) member.accepted = new Set(validDisplays(member).map((d) => normaliseDisplay(d.value)));
  return member.accepted;
}

/** A message when `display` matches none of the member's displays; undefined when it matches or there is nothing to compare with. */
export function displayProblem(
  member: Member,
  system: string | undefined,
  display: string | undefined,
): LocalizedText | undefined {
  if (display === undefined || display === '') return undefined;
  // Fast path: the exact display.
  if (display === member.display || (member.concept !== undefined && display === member.concept.display))
    return undefined;
  const set = accepted(member);
  if (set.size === 0 || set.has(normaliseDisplay(display))) return undefined;
  return wrongDisplay(display, system, member.code, validDisplays(member));
}
