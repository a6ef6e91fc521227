"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Single sign-on through the configured OIDC provider: better-auth's social sign-in with
 * the generic provider "oidc" (lib/auth/oidc.test.ts drives the whole flow against a real
 * provider). A failed login comes back to the log-in page with `?error=`.
 */
export function OidcButton({ next }: { next?: string }) {
  const [error, setError] = useState<string | null>(null);
  async function start() {
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/social", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provider: "oidc", callbackURL: next ?? "/", errorCallbackURL: "/login?error=sso" }),
      });
      const body = await res.json().catch(() => ({}));
      if (body.url) window.location.href = body.url;
      else setError(body.message ?? `the console could not start single sign-on (HTTP ${res.status})`);
    } catch {
      setError("the console could not be reached");
    }
  }
  return (
    <div className="space-y-2">
      <Button variant="secondary" className="w-full justify-center" onClick={() => void start()}>
        Log in with single sign-on
      </Button>
      {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
