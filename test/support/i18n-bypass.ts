/**
 * Finds user-facing English that bypasses the message catalogue: a string or
 * template literal holding prose (three words of letters or more) passed
 * straight to something that shows it to a user. Text inside a
 * `defineMessages(` call or a `{ fr, en }` literal is in both languages.
 */
import ts from 'typescript';

export interface Bypass {
  file: string;
  line: number;
  text: string;
  /** Where the text goes (`new UsageError`, `t.skip`, `title:` …). */
  sink: string;
}

/** Three words of letters in a row: a sentence, not an id or a code. */
const PROSE = /\p{L}+['’]?\p{L}*\s+\p{L}+['’]?\p{L}*\s+\p{L}+/u;

const ERROR_CLASSES = new Set(['UsageError', 'FileError', 'TargetError']);
const CHECK_OUTPUTS = new Set(['skip', 'info', 'warn', 'notApplicable']);
const STREAMS = new Set(['stdout', 'stderr', 'out']);
const CONSOLE = new Set(['log', 'error']);

/** The literal text of a string or template literal (substitutions as a space), or undefined. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

/** Climbs from a literal through what still passes it on as it is (parentheses, `?:`, `+`, an enclosing template). */
function carrier(node: ts.Node): ts.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      ts.isParenthesizedExpression(parent) ||
      (ts.isConditionalExpression(parent) && parent.condition !== current) ||
      (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken) ||
      ts.isTemplateSpan(parent)
    ) {
      current = ts.isTemplateSpan(parent) ? parent.parent : parent;
    } else return current;
  }
}

function calleeName(expr: ts.Expression): string {
  return ts.isPropertyAccessExpression(expr) ? expr.name.text : ts.isIdentifier(expr) ? expr.text : '';
}

/** The name of a stream expression (`process.stdout`, `io.stderr`, `out`), or ''. */
function streamName(expr: ts.Expression): string {
  const name = calleeName(expr);
  return STREAMS.has(name) ? name : '';
}

/** A test's or suite's definition (it has an id and runs or verifies something), not a FHIR resource's fields. */
function isDefinition(object: ts.ObjectLiteralExpression): boolean {
  const keys = new Set(object.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : '')));
  return keys.has('id') && (keys.has('run') || keys.has('verifies') || keys.has('tests'));
}

/** What shows this argument to a user, or undefined if nothing does. */
function sinkOf(node: ts.Node, inSuite: boolean): string | undefined {
  const parent = node.parent;
  if (ts.isNewExpression(parent) && parent.arguments?.includes(node as ts.Expression)) {
    const name = calleeName(parent.expression);
    return ERROR_CLASSES.has(name) ? `new ${name}` : undefined;
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
    const callee = parent.expression;
    const name = calleeName(callee);
    const index = parent.arguments.indexOf(node as ts.Expression);
    if (ts.isIdentifier(callee) && name === 'ensure') return index === 1 ? 'ensure' : undefined;
    if (ts.isIdentifier(callee) && name === 'failCheck') return 'failCheck';
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const receiver = callee.expression;
    if (CHECK_OUTPUTS.has(name) && ts.isIdentifier(receiver) && receiver.text === 't') return `t.${name}`;
    if (name === 'write' && streamName(receiver)) return `${streamName(receiver)}.write`;
    if (CONSOLE.has(name) && ts.isIdentifier(receiver) && receiver.text === 'console') return `console.${name}`;
    return undefined;
  }
  if (inSuite && ts.isPropertyAssignment(parent) && parent.initializer === node && isDefinition(parent.parent)) {
    const key = ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name) ? parent.name.text : '';
    if (key === 'title' || key === 'description') return `${key}:`;
  }
  return undefined;
}

/** Is the node inside a `defineMessages(` call or an object literal with both `fr` and `en`? */
function isCatalogued(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && calleeName(n.expression) === 'defineMessages') return true;
    if (ts.isObjectLiteralExpression(n)) {
      const keys = new Set(n.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : '')));
      if (keys.has('fr') && keys.has('en')) return true;
    }
  }
  return false;
}

/**
 * The bypasses of one source file. `suite` says whether `title:` and
 * `description:` are a check's declaration there (suites and src/suite).
 */
export function findBypasses(file: string, source: string, suite: boolean): Bypass[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Bypass[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined) {
      if (PROSE.test(text)) {
        const sink = sinkOf(carrier(node), suite);
        if (sink && !isCatalogued(node)) {
          const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
          found.push({ file, line, text, sink });
        }
      }
      return; // an enclosing template's spans are judged with it
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
