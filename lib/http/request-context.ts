import { AsyncLocalStorage } from "node:async_hooks";
import { sourceIpOf } from "./client-address";

// The request being answered, for records that want to say where a change came from
// (audit entries) without every function passing the request along.
const store = new AsyncLocalStorage<{ sourceIp: string | null }>();

export function withRequestContext<T>(req: Request, fn: () => Promise<T>): Promise<T> {
  return withSourceIp(sourceIpOf(req.headers), fn);
}

export function withSourceIp<T>(sourceIp: string | null, fn: () => Promise<T>): Promise<T> {
  return store.run({ sourceIp }, fn);
}

// Deliberately no next/headers fallback: this module is also loaded outside requests
// (scripts, the console's own start-up), where touching Next's request storage breaks it.
export async function currentSourceIp(): Promise<string | null> {
  return store.getStore()?.sourceIp ?? null;
}
