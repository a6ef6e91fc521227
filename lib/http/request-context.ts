import { AsyncLocalStorage } from "node:async_hooks";

// The request being answered, for records that want to say where a change came from
// (audit entries) without every function passing the request along.
const store = new AsyncLocalStorage<{ sourceIp: string | null }>();

export function withRequestContext<T>(req: Request, fn: () => Promise<T>): Promise<T> {
  const sourceIp = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  return store.run({ sourceIp }, fn);
}

export async function currentSourceIp(): Promise<string | null> {
  const ctx = store.getStore();
  if (ctx) return ctx.sourceIp;
  try {
    // Server actions: the request's headers, as the console's server stamped them.
    const { headers } = await import("next/headers");
    return (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  } catch {
    return null;
  }
}
