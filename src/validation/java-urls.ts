/** Java's Utilities.isAbsoluteUrl: a lowercase token scheme (or http, https, urn) and a tail without spaces. */
export function isAbsoluteUrl(ref: string): boolean {
  const colon = ref.indexOf(':');
  if (colon < 0) return false;
  const scheme = ref.slice(0, colon);
  const details = ref.slice(colon + 1);
  return (
    (scheme === 'http' || scheme === 'https' || scheme === 'urn' || /^[a-z][a-z0-9_[\]]*$/.test(scheme)) &&
    details.length > 0 &&
    !details.includes(' ')
  );
}
