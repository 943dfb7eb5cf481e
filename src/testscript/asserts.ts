/**
 * TestScript asserts (R4 TestScript.setup.action.assert), each evaluated on
 * what the script saw. Every kind of assert given in one assert element must
 * hold. An expression that cannot be evaluated is thrown (the check errors:
 * the script, not the target, is at fault).
 */
import type { TestScriptSetupActionAssert } from '@medplum/fhirtypes';
import { joinTexts, type LocalizedText } from '../util/i18n.js';
import { sharedValidator } from '../validation/setup.js';
import { FAILURE_SEPARATOR, m } from './messages.js';
import type { AssertScope, ScriptExchange } from './runner.js';
import {
  clip,
  compare,
  ExpressionError,
  fhirPath,
  jsonPath,
  missingElements,
  type Operator,
  substitute,
} from './values.js';

export interface AssertOutcome {
  ok: boolean;
  /** Why it failed (every failed part). */
  message: LocalizedText;
  /** A name for the assert when it has no label: what it tests. */
  summary: string;
}

/** R4 assert-response-code-types and their status codes. */
export const RESPONSE_CODES: Readonly<Record<string, number>> = {
  okay: 200,
  created: 201,
  noContent: 204,
  notModified: 304,
  bad: 400,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  conflict: 409,
  gone: 410,
  preconditionFailed: 412,
  unprocessable: 422,
};

const NAVIGATION = ['self', 'first', 'previous', 'next', 'last'];

export async function evaluateAssert(a: TestScriptSetupActionAssert, scope: AssertScope): Promise<AssertOutcome> {
  const sub = (text: string): string => substitute(text, (name) => scope.variable(name));
  const operator = (fallback: Operator): Operator => (a.operator as Operator | undefined) ?? fallback;
  const value = a.value === undefined ? undefined : sub(a.value);
  const fixture = a.sourceId ? scope.fixture(a.sourceId) : undefined;
  const exchange = a.sourceId ? scope.exchange(a.sourceId) : scope.last;
  const resource = fixture ?? exchange?.resource;
  const problems: LocalizedText[] = [];
  // What the assert tests, in its own element names (the same in both languages).
  const parts: string[] = [];
  const needExchange = (what: string): ScriptExchange => {
    if (exchange) return exchange;
    throw new ExpressionError(a.sourceId ? m.noResponse({ what, source: a.sourceId }) : m.noOperationBefore({ what }));
  };
  const needResource = (what: string): Record<string, unknown> => {
    if (resource) return resource;
    if (!exchange && !fixture) needExchange(what);
    problems.push(m.noJsonResource({ what }));
    return {};
  };
  const check = (what: string, op: Operator, found: readonly unknown[], expected: string | undefined): void => {
    parts.push(what);
    const c = compare(op, found, expected);
    if (!c.ok)
      problems.push(
        expected !== undefined && op !== 'empty' && op !== 'notEmpty'
          ? m.foundExpected({ what, found: c.found, op, expected })
          : m.foundExpectedOp({ what, found: c.found, op }),
      );
  };

  if (a.response !== undefined) {
    const code = RESPONSE_CODES[a.response];
    if (code === undefined) throw new ExpressionError(m.notResponseCode({ code: a.response }));
    check(
      `response ${a.response}`,
      operator('equals'),
      [String(needExchange('response').response.status)],
      String(code),
    );
  }
  if (a.responseCode !== undefined)
    check(
      'responseCode',
      operator('equals'),
      [String(needExchange('responseCode').response.status)],
      sub(a.responseCode),
    );
  if (a.headerField !== undefined) {
    const header = needExchange('headerField').response.headers[a.headerField.toLowerCase()];
    check(
      `header ${a.headerField}`,
      operator(value === undefined ? 'notEmpty' : 'equals'),
      header === undefined ? [] : [header],
      value,
    );
  }
  if (a.contentType !== undefined) {
    const got = (needExchange('contentType').response.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    const want = (a.contentType === 'json' ? 'application/fhir+json' : a.contentType).toLowerCase();
    check('contentType', operator('equals'), got ? [got] : [], want);
  }
  if (a.resource !== undefined) {
    const type = needResource('resource').resourceType;
    check('resource', operator('equals'), type === undefined ? [] : [type], a.resource);
  }
  if (a.compareToSourceId !== undefined) {
    const other = scope.fixture(a.compareToSourceId) ?? scope.exchange(a.compareToSourceId)?.resource;
    if (!other) throw new ExpressionError(m.compareNoResource({ source: a.compareToSourceId }));
    const pick = (data: unknown, expression: string | undefined, path: string | undefined): unknown[] =>
      expression !== undefined ? fhirPath(sub(expression), data) : jsonPath(sub(path ?? ''), data);
    const expected = pick(other, a.compareToSourceExpression, a.compareToSourcePath);
    const found = pick(
      needResource('compareToSourceId'),
      a.expression ?? (a.path === undefined ? a.compareToSourceExpression : undefined),
      a.path ?? a.compareToSourcePath,
    );
    const op = operator('equals');
    if (op !== 'equals' && op !== 'notEquals') throw new ExpressionError(m.compareOperator({ op }));
    const same = JSON.stringify(found) === JSON.stringify(expected);
    parts.push(`compareToSourceId ${a.compareToSourceId}`);
    if (same !== (op === 'equals'))
      problems.push(
        m.compareDiffers({
          source: a.compareToSourceId,
          found: clip(JSON.stringify(found)),
          expected: clip(JSON.stringify(expected)),
          op,
        }),
      );
  } else {
    if (a.expression !== undefined)
      expressionCheck(`expression ${a.expression}`, fhirPath(sub(a.expression), needResource('expression')));
    if (a.path !== undefined) expressionCheck(`path ${a.path}`, jsonPath(sub(a.path), needResource('path')));
  }
  if (a.minimumId !== undefined) {
    const minimum = scope.fixture(a.minimumId);
    parts.push(`minimumId ${a.minimumId}`);
    const missing = missingElements(minimum, needResource('minimumId'));
    if (missing.length)
      problems.push(
        m.minimumLacks({
          id: a.minimumId,
          missing: `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}`,
        }),
      );
  }
  if (a.validateProfileId !== undefined) {
    const url = scope.profile(a.validateProfileId) as string;
    parts.push(`validateProfileId ${a.validateProfileId}`);
    const target = needResource('validateProfileId');
    const errors = (
      await sharedValidator().validateAsync(target, {
        profiles: [url],
        ...(scope.signal ? { signal: scope.signal } : {}),
      })
    ).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (errors.length)
      problems.push(
        m.profileErrors({
          id: a.validateProfileId,
          url,
          count: errors.length,
          errors: errors
            .slice(0, 3)
            .map((e) => `${e.expression}: ${e.message}`)
            .join('; '),
        }),
      );
  }
  if (a.navigationLinks === true) {
    const bundle = needResource('navigationLinks');
    parts.push('navigationLinks');
    const links = (bundle.link as { relation?: string; url?: string }[] | undefined) ?? [];
    const nav = links.filter((l) => NAVIGATION.includes(l.relation ?? ''));
    if (bundle.resourceType !== 'Bundle') problems.push(m.notBundle());
    else if (!nav.some((l) => l.relation === 'self')) problems.push(m.noSelfLink());
    const base = scope.baseUrl.replace(/\/+$/, '');
    for (const l of nav)
      if (!l.url?.startsWith(`${base}/`) && l.url !== base)
        problems.push(m.linkOffTarget({ relation: String(l.relation), url: JSON.stringify(l.url), base }));
  }
  if (a.requestMethod !== undefined)
    check(
      'requestMethod',
      operator('equals'),
      [needExchange('requestMethod').method.toLowerCase()],
      a.requestMethod.toLowerCase(),
    );
  if (a.requestURL !== undefined) {
    const sent = needExchange('requestURL').url;
    const base = scope.baseUrl.replace(/\/+$/, '');
    const want = sub(a.requestURL);
    // A relative requestURL is compared with the request's URL below the base.
    const shown =
      /^[a-z][a-z0-9+.-]*:/i.test(want) || !sent.startsWith(`${base}/`) ? sent : sent.slice(base.length + 1);
    check('requestURL', operator('equals'), [shown], want.replace(/^\//, ''));
  }

  function expressionCheck(what: string, found: unknown[]): void {
    // No value and no operator: the result is read as a FHIRPath boolean.
    if (value === undefined && (a.operator === undefined || a.operator === 'eval')) {
      parts.push(what);
      const truthy = found.length === 1 && (found[0] === true || typeof found[0] !== 'boolean');
      if (!truthy)
        problems.push(m.notTrue({ what, found: found.length === 0 ? m.empty() : clip(JSON.stringify(found)) }));
      return;
    }
    check(what, operator('equals'), found, value);
  }

  return { ok: problems.length === 0, message: joinTexts(problems, FAILURE_SEPARATOR), summary: parts.join(', ') };
}
