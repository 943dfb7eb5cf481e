/**
 * JSON for documents that are signed or compared: a member named twice in one
 * object is refused. JSON.parse silently keeps the last one, so two readers
 * (or a reader and a person) could see different values; RFC 8785 assumes
 * I-JSON (RFC 7493), which forbids them. jsonc-parser's visitor reports each
 * member's name (unescaped) with its position, so only the bookkeeping is ours.
 */
import { type JSONPath, visit } from 'jsonc-parser';
import { JsonSyntaxError, parseJson } from './json.js';
import { m } from './messages.js';

export interface DuplicateMember {
  member: string;
  /** Where the member appears the second time (1-based). */
  line: number;
  column: number;
  /** The JSON pointer of the object that holds it ("" for the top level). */
  pointer: string;
}

/** The first member named twice in one object, if any (the text is assumed to be valid JSON). */
export function firstDuplicateMember(text: string): DuplicateMember | undefined {
  const open: Set<string>[] = [];
  let found: DuplicateMember | undefined;
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
      return found === undefined;
    },
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (
      member: string,
      _offset: number,
      _length: number,
      line: number,
      character: number,
      path: () => JSONPath,
    ) => {
      const names = open[open.length - 1];
      if (found !== undefined || !names) return;
      if (names.has(member)) found = { member, line: line + 1, column: character + 1, pointer: pointerOf(path()) };
      names.add(member);
    },
  });
  return found;
}

/** parseJson, and a JsonSyntaxError (with line and column) for a duplicate member. */
export function parseStrictJson(text: string, source: string): unknown {
  const value = parseJson(text, source);
  const dup = firstDuplicateMember(text);
  if (dup) {
    const member = JSON.stringify(dup.member);
    const top = m.topLevelObject();
    throw new JsonSyntaxError(source, dup.line, dup.column, {
      en: m.duplicateMember({ member, where: dup.pointer || top.en }).en,
      fr: m.duplicateMember({ member, where: dup.pointer || top.fr }).fr,
    });
  }
  return value;
}

function pointerOf(path: JSONPath): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
