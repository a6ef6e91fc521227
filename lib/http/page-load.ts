import { notFound } from "next/navigation";
import { cache } from "react";
import { AppError } from "./errors";

/**
 * A detail page's loader: what `get` returns for the page's ref (URL-decoded), or the
 * page's 404 when it is not found. Memoised per request, so `generateMetadata` and the
 * page share one query.
 */
export function pageLoader<T>(get: (ref: string) => Promise<T>): (ref: string) => Promise<T> {
  return cache(async (ref: string) => {
    try {
      return await get(decodeRef(ref));
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    }
  });
}

/** A route segment as typed: "%3A" becomes ":"; a malformed escape is kept as it is (and then not found). */
export function decodeRef(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
