const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Names are accepted wherever an id is": a reference is an id when it looks like one. */
export function refWhere(ref: string): { id: string } | { name: string } {
  return UUID.test(ref) ? { id: ref.toLowerCase() } : { name: ref };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
