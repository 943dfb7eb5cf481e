/**
 * Untrusted text (from the target, a file, a run.json) made safe to print on a
 * terminal or a CI log: no escape sequence can move the cursor, recolour or
 * redraw what was printed before (a forged "VALID" line), and no line can be
 * read by the CI runner as a workflow command (`::error::`, `::add-mask::`...).
 */

/** ANSI/ECMA-48 escape sequences: CSI, OSC and string commands (DCS, SOS, PM, APC), and two-character escapes. */
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~]?)/g;
/** C0 controls but tab and LF, DEL, C1 controls, and the bidirectional overrides that reorder what is shown. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
/** A line a runner reads as a command: GitHub Actions (`::cmd`), and the older `##[cmd` / `##vso[` forms. */
const WORKFLOW_COMMAND = /^(\s*)(::|##(?:vso)?\[)/gm;

/** Drops escape sequences and control characters; CR LF and lone CR become LF. */
export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** Lines that would be read as workflow commands get a space between their two opening characters: still readable, no longer a command. */
export function neutraliseCommands(text: string): string {
  return text.replace(WORKFLOW_COMMAND, (_, indent: string, mark: string) => `${indent}${mark[0]} ${mark.slice(1)}`);
}

/** Untrusted text for a terminal or CI log; line breaks kept. */
export function safeText(text: string): string {
  return neutraliseCommands(stripControls(text));
}

/** Untrusted text on one line: line breaks and tabs become spaces. */
export function safeLine(text: string): string {
  return safeText(text.replace(/[\r\n\t]+/g, ' '));
}
