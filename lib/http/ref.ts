const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Names are accepted wherever an id is": a reference is an id when it looks like one.
 * Names (roles, images, subnets, mirrors) are lower-case slugs, so "Storage" finds storage.
 */
export function refWhere(ref: string): { id: string } | { name: string } {
  return UUID.test(ref) ? { id: ref.toLowerCase() } : { name: ref.toLowerCase() };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
