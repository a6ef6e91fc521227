"use client";

import { Button } from "@/components/ui/button";

/** Single sign-on through the configured OIDC provider (better-auth's generic OAuth flow). */
export function OidcButton({ next }: { next?: string }) {
  async function start() {
    const res = await fetch("/api/auth/sign-in/oauth2", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ providerId: "oidc", callbackURL: next ?? "/" }),
    });
    const body = await res.json().catch(() => ({}));
    if (body.url) window.location.href = body.url;
  }
  return (
    <Button variant="secondary" className="w-full justify-center" onClick={() => void start()}>
      Log in with single sign-on
    </Button>
  );
}
