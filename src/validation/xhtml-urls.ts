/**
 * A narrative link's url as the Java validator's UrlUtil.checkValidUrl reads
 * it (XhtmlValidator.checkUrls, an error): not empty; a `data:` url with one
 * comma, base64 data of whole quads and a well-formed mime type; any other url
 * of letters, digits and the characters RFC 3986 allows (no spaces, quotes,
 * braces, angle brackets, backslashes, carets or backticks).
 */
import type { LocalizedText } from '../util/i18n.js';
import { im } from './messages.js';

const ALLOWED = /^[\p{Alphabetic}\p{Nd};?:@&=+$.,/%\-_~#[\]!'()*|]*$/u;
const ALLOWED_CHAR = /[\p{Alphabetic}\p{Nd};?:@&=+$.,/%\-_~#[\]!'()*|]/u;
const MIME = /^(\w+|\*)\/([\w+-]+|\*)((;\s*(\w+)=\s*(\S+))?)$/;

/** Java's Base64Util.isValidBase64: the significant characters come in quads. */
function wholeQuads(data: string): boolean {
  let n = 0;
  for (const ch of data) if (/[\p{L}\p{Nd}/=+]/u.test(ch)) n++;
  return n === 0 || n % 4 === 0;
}

/** Why a url is not valid, or undefined. */
export function urlProblem(value: string): LocalizedText | undefined {
  if (value === '') return im.urlEmpty();
  if (value.startsWith('data:')) {
    // Java's split drops trailing empty parts.
    const parts = value.slice(5).split(',');
    while (parts.length && parts[parts.length - 1] === '') parts.pop();
    if (parts.length < 2) return im.urlDataNoData();
    if (parts.length > 2) return im.urlDataComma({ url: value });
    const [head, data] = parts as [string, string];
    if (head.endsWith(';base64') && !wholeQuads(data)) return im.urlDataBase64({ url: value });
    const mime = (head.endsWith(';base64') ? head.slice(0, head.lastIndexOf(';')) : head).trim();
    if (mime && !MIME.test(mime)) return im.urlDataMime({ url: value });
    return undefined;
  }
  if (ALLOWED.test(value)) return undefined;
  const bad = new Set<string>();
  let count = 0;
  for (const ch of value)
    if (!ALLOWED_CHAR.test(ch)) {
      count++;
      bad.add(`'${ch}'`);
    }
  const chars = [...bad].sort().join(',');
  return count === 1 ? im.urlInvalidChar({ chars }) : im.urlInvalidChars({ count, chars });
}
