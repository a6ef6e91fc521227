"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

export function RedeployButton({ action, disabledReason }: { action: () => Promise<{ error: string } | undefined>; disabledReason?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      {error ? <span role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</span> : null}
      <Button
        variant="secondary"
        disabled={pending || !!disabledReason}
        title={disabledReason ?? "Run the role's playbook against this machine again"}
        onClick={() =>
          start(async () => {
            setError((await action())?.error ?? null);
          })
        }
      >
        {pending ? "Queuing…" : "Redeploy"}
      </Button>
    </span>
  );
}
