/**
 * Code systems FHIR uses without a CodeSystem resource, checked by rule:
 * - urn:ietf:bcp:47 language tags: the syntax of RFC 5646 §2.1 (with its
 *   grandfathered tags); a two-letter primary language subtag must be an
 *   ISO 639-1 code, three-letter ones (ISO 639-2/3) are checked for syntax
 *   only, and longer ones are reserved (none is registered);
 * - urn:ietf:bcp:13 MIME types: `type/subtype[; parameter=value]*` with a
 *   registered top-level type (RFC 6838 §4.2, RFC 2045 §5.1);
 * - urn:iso:std:iso:4217 currencies: the ISO 4217 alphabetic codes (current
 *   ones, plus recently withdrawn codes that older data still carries).
 */
import { memoCheck, type SystemProvider } from './provider.js';

export const BCP47_SYSTEM = 'urn:ietf:bcp:47';
export const BCP13_SYSTEM = 'urn:ietf:bcp:13';
export const ISO4217_SYSTEM = 'urn:iso:std:iso:4217';

// RFC 5646 §2.1 ABNF, case-insensitive.
const LANGTAG =
  '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})' + // language, extlang
  '(?:-[a-z]{4})?' + // script
  '(?:-(?:[a-z]{2}|[0-9]{3}))?' + // region
  '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' + // variants
  '(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*' + // extensions
  '(?:-x(?:-[a-z0-9]{1,8})+)?'; // private use
const PRIVATE_USE = 'x(?:-[a-z0-9]{1,8})+';
const GRANDFATHERED = [
  'en-GB-oed',
  'i-ami',
  'i-bnn',
  'i-default',
  'i-enochian',
  'i-hak',
  'i-klingon',
  'i-lux',
  'i-mingo',
  'i-navajo',
  'i-pwn',
  'i-tao',
  'i-tay',
  'i-tsu',
  'sgn-BE-FR',
  'sgn-BE-NL',
  'sgn-CH-DE',
  'art-lojban',
  'cel-gaulish',
  'no-bok',
  'no-nyn',
  'zh-guoyu',
  'zh-hakka',
  'zh-min',
  'zh-min-nan',
  'zh-xiang',
].map((t) => t.toLowerCase());
const BCP47 = new RegExp(`^(?:${LANGTAG}|${PRIVATE_USE})$`, 'i');

/** ISO 639-1 two-letter language codes (including those deprecated but still valid BCP-47 subtags: in, iw, ji, jw, mo, sh). */
const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
    'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk ' +
    'kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc ' +
    'oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn ' +
    'to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

export const bcp47Provider: SystemProvider = {
  system: BCP47_SYSTEM,
  name: 'BCP-47 language tags',
  caseSensitive: false,
  check: memoCheck((code) => {
    if (GRANDFATHERED.includes(code.toLowerCase())) return { valid: true };
    if (!BCP47.test(code))
      return { valid: false, message: `'${code}' is not a well-formed BCP-47 language tag (RFC 5646)` };
    const primary = (code.split('-')[0] as string).toLowerCase();
    if (primary.length >= 4 && primary !== 'x') {
      // 4 letters: reserved; 5-8 letters: for future registration (none is registered).
      return {
        valid: false,
        message: `'${primary}' is not a registered primary language subtag, so '${code}' is not a valid BCP-47 language tag`,
      };
    }
    if (primary.length === 2 && !ISO_639_1.has(primary)) {
      return {
        valid: false,
        message: `'${primary}' is not an ISO 639-1 language code, so '${code}' is not a valid BCP-47 language tag`,
      };
    }
    return { valid: true };
  }),
};

/** Top-level media types registered with IANA (RFC 6838 §4.2; font: RFC 8081; haptics: RFC 9695). */
const MIME_TOP_LEVEL = new Set([
  'application',
  'audio',
  'example',
  'font',
  'haptics',
  'image',
  'message',
  'model',
  'multipart',
  'text',
  'video',
]);
const RESTRICTED_NAME = '[a-z0-9][a-z0-9!#$&^_.+-]{0,126}';
const TOKEN = "[!#$%&'*+.^_`|~0-9a-z-]+";
const MIME = new RegExp(
  `^(${RESTRICTED_NAME})/${RESTRICTED_NAME}(?:\\s*;\\s*${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*"))*$`,
  'i',
);

/** FHIR R4 allows its format shorthands where a MIME type is bound (CapabilityStatement.format: "xml | json | ttl | mime type"). */
const FHIR_FORMAT_SHORTHANDS = new Set(['xml', 'json', 'ttl']);

export const bcp13Provider: SystemProvider = {
  system: BCP13_SYSTEM,
  name: 'MIME types (BCP-13)',
  caseSensitive: false,
  check: memoCheck((code) => {
    if (FHIR_FORMAT_SHORTHANDS.has(code)) return { valid: true };
    const m = MIME.exec(code.trim() === code ? code : '');
    if (!m)
      return {
        valid: false,
        message: `'${code}' is not a valid MIME type: expected type/subtype, optionally followed by ;parameter=value`,
      };
    const top = (m[1] as string).toLowerCase();
    if (!MIME_TOP_LEVEL.has(top))
      return {
        valid: false,
        message: `'${code}' is not a valid MIME type: '${top}' is not a registered top-level type`,
      };
    return { valid: true };
  }),
};

/** ISO 4217 alphabetic currency codes. */
const ISO_4217 = new Set(
  // current (list one, 2024)
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW ' +
    'CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG ' +
    'HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT ' +
    'MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR ' +
    'SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED ' +
    'VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL ' +
    // withdrawn since 2008, still found in older data
    'BYR CYP EEK HRK LTL LVL MRO MTL SIT SKK STD VEF ZMK'
  ).split(' '),
);

export const iso4217Provider: SystemProvider = {
  system: ISO4217_SYSTEM,
  name: 'ISO 4217 currencies',
  caseSensitive: true,
  check: (code) =>
    ISO_4217.has(code) ? { valid: true } : { valid: false, message: `'${code}' is not an ISO 4217 currency code` },
};
