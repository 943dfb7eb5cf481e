/**
 * Each reference-target fault is declared next to the code that implements it
 * (issue 17), read from the sources: every `… satisfies FaultDefinition`
 * constant is listed in ALL_FAULTS and switched by its own module, every
 * fault listed is declared so, and every switch a module tests is a fault it
 * declares. The types already refuse a bare name or an unlisted fault in
 * `faults.has()`; this catches a fault left without its branch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';
import { ALL_FAULTS } from '../../src/reference/faults.js';
import { projectPath } from '../../src/util/paths.js';

const REFERENCE = projectPath('src', 'reference');
const FAULTS_FILE = path.join(REFERENCE, 'faults.ts');

interface Declared {
  constant: string;
  fault: string;
  file: string;
}

interface Module {
  file: string;
  source: ts.SourceFile;
  declared: Declared[];
  /** `faults.has(X)`: X as written (an identifier, `row.fault`, or a string). */
  switches: ts.Expression[];
  /** `fault: X` rows of a table the module's code switches through. */
  rows: string[];
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

function rel(file: string): string {
  return path.relative(projectPath(), file);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function declaredIn(source: ts.SourceFile, file: string): Declared[] {
  const found: Declared[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const init = d.initializer;
      if (init === undefined || !ts.isSatisfiesExpression(init) || init.type.getText(source) !== 'FaultDefinition')
        continue;
      let object: ts.Expression = init.expression;
      while (ts.isAsExpression(object)) object = object.expression;
      const name =
        ts.isObjectLiteralExpression(object) &&
        object.properties.find(
          (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === 'name',
        );
      if (!name || !ts.isStringLiteral(name.initializer))
        throw new Error(`${rel(file)}: a fault without a literal name`);
      found.push({ constant: d.name.getText(source), fault: name.initializer.text, file });
    }
  }
  return found;
}

function readModule(file: string): Module {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const switches: ts.Expression[] = [];
  const rows: string[] = [];
  walk(source, (n) => {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === 'has' &&
      /\bfaults$/.test(n.expression.expression.getText(source))
    )
      switches.push(...n.arguments);
    if (ts.isPropertyAssignment(n) && n.name.getText(source) === 'fault' && ts.isIdentifier(n.initializer))
      rows.push(n.initializer.text);
  });
  return { file, source, declared: declaredIn(source, file), switches, rows };
}

const modules = tsFiles(REFERENCE).map(readModule);
const declared = modules.flatMap((m) => m.declared);

describe('reference target: each fault declared next to its code', () => {
  it('reads the sources it checks (a fault is found in several modules)', () => {
    expect(declared.length).to.be.greaterThan(50);
    expect(new Set(declared.map((d) => d.file)).size).to.be.greaterThan(10);
  });

  it('lists in ALL_FAULTS exactly the faults declared in the modules, each declared once outside faults.ts', () => {
    const listed = ALL_FAULTS.map((f) => f.name);
    expect(declared.map((d) => d.fault).sort(), 'declared vs listed').to.deep.equal([...listed].sort());
    expect(new Set(listed).size, 'a fault listed twice').to.equal(listed.length);
    expect(
      declared.filter((d) => d.file === FAULTS_FILE).map((d) => d.fault),
      'declared in faults.ts rather than next to its code',
    ).to.deep.equal([]);
  });

  it('switches every declared fault in the module that declares it', () => {
    const unswitched = modules.flatMap((m) =>
      m.declared
        .filter(
          (d) => !m.switches.some((s) => ts.isIdentifier(s) && s.text === d.constant) && !m.rows.includes(d.constant),
        )
        .map((d) => `${rel(m.file)}: ${d.constant} (${d.fault})`),
    );
    expect(unswitched, 'declared faults no branch tests').to.deep.equal([]);
  });

  it('tests, in each module, only faults that module declares (never a bare name)', () => {
    const strays = modules.flatMap((m) => {
      const own = new Set(m.declared.map((d) => d.constant));
      const tested = m.switches.filter((s) => !(ts.isIdentifier(s) && own.has(s.text)) && !isTableRow(s));
      const rows = m.rows.filter((r) => !own.has(r));
      return [...tested.map((s) => s.getText(m.source)), ...rows].map((s) => `${rel(m.file)}: ${s}`);
    });
    expect(strays, 'switches not declared next to them').to.deep.equal([]);
  });

  it('keeps faults.ts out of the value imports of every declaring module (its list would be read half-built)', () => {
    const graph = new Map(modules.map((m) => [m.file, valueImports(m)]));
    const reaching = modules
      .filter((m) => m.declared.length > 0)
      .filter((m) => reaches(graph, m.file, FAULTS_FILE))
      .map((m) => rel(m.file));
    expect(reaching).to.deep.equal([]);
  });
});

/** `row.fault`: a table of faults, each row declared in the module (checked by the rows). */
function isTableRow(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'fault';
}

/** The modules of src/reference a module imports for values (not `import type`). */
function valueImports(m: Module): string[] {
  return m.source.statements.flatMap((s) => {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) return [];
    const clause = s.importClause;
    if (clause?.isTypeOnly) return [];
    const bindings = clause?.namedBindings;
    const onlyTypes =
      clause !== undefined &&
      clause.name === undefined &&
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.every((e) => e.isTypeOnly);
    const spec = s.moduleSpecifier.text;
    if (onlyTypes || !spec.startsWith('.')) return [];
    return [path.resolve(path.dirname(m.file), spec.replace(/\.js$/, '.ts'))];
  });
}

function reaches(graph: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [...(graph.get(from) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (next === to) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return false;
}
