/**
 * A query parameter given twice (?limit=1&limit=2), or null. Each parameter holds one
 * value: taking the last one silently would answer a question that was not asked.
 */
export function repeatedParam(params: URLSearchParams): string | null {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return null;
}
