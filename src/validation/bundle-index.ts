/**
 * Reference resolution inside a Bundle through maps built once per Bundle
 * (fullUrl, Type/id), so that validating a Bundle is linear in its entries:
 * scanning every entry for every reference made a 30,000-entry searchset
 * quadratic.
 */
type Json = Record<string, unknown>;

export interface BundleEntryRef {
  fullUrl?: string;
  resource?: Json;
  index: number;
}

const REF_RE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function push<K>(map: Map<K, BundleEntryRef[]>, key: K, e: BundleEntryRef): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

export class BundleIndex {
  readonly entries: BundleEntryRef[];
  private readonly byFullUrl = new Map<string, BundleEntryRef[]>();
  /** `Type/id` of entries whose fullUrl is not a urn: (a urn:uuid entry is reached by its fullUrl only). */
  private readonly byTypeId = new Map<string, BundleEntryRef[]>();
  /** Map look-ups and candidate entries examined so far: what tests count to prove resolution is linear. */
  steps = 0;

  constructor(readonly bundle: Json) {
    this.entries = (Array.isArray(bundle.entry) ? bundle.entry : []).map((e, index) => {
      const o: BundleEntryRef = { index };
      if (isObject(e)) {
        if (typeof e.fullUrl === 'string') o.fullUrl = e.fullUrl;
        if (isObject(e.resource)) o.resource = e.resource;
      }
      return o;
    });
    for (const e of this.entries) {
      if (e.fullUrl !== undefined) push(this.byFullUrl, e.fullUrl, e);
      const r = e.resource;
      if (r && typeof r.resourceType === 'string' && typeof r.id === 'string' && !e.fullUrl?.startsWith('urn:'))
        push(this.byTypeId, `${r.resourceType}/${r.id}`, e);
    }
  }

  private lookup(map: Map<string, BundleEntryRef[]>, key: string): BundleEntryRef[] {
    this.steps++;
    const found = map.get(key) ?? [];
    this.steps += found.length;
    return found;
  }

  /**
   * The entry a (non-contained) reference points to, and how many entries match:
   * by fullUrl (with or without its _history part), else a relative Type/id
   * against the referring entry's fullUrl base, else any entry with that type and id.
   */
  resolve(ref: string, fromFullUrl: string | undefined): { resource: Json; count: number } | undefined {
    const noHist = ref.replace(/\/_history\/[^/]+$/, '');
    let matches = this.lookup(this.byFullUrl, ref);
    if (noHist !== ref)
      matches = [...matches, ...this.lookup(this.byFullUrl, noHist)].sort((a, b) => a.index - b.index);
    if (!matches.length) {
      const m = REF_RE.exec(ref);
      if (m) {
        const base =
          fromFullUrl && /^https?:/.test(fromFullUrl)
            ? fromFullUrl.replace(/[A-Z][A-Za-z]+\/[^/]+(\/_history\/[^/]+)?$/, '')
            : undefined;
        if (base) matches = this.lookup(this.byFullUrl, `${base}${m[1]}/${m[2]}`);
        if (!matches.length) matches = this.lookup(this.byTypeId, `${m[1]}/${m[2]}`);
        if (m[4])
          matches = matches.filter((e) => isObject(e.resource?.meta) && (e.resource!.meta as Json).versionId === m[4]);
      }
    }
    const hit = matches.find((e) => e.resource);
    return hit?.resource ? { resource: hit.resource, count: matches.length } : undefined;
  }
}
