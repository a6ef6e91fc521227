"use client";

import { useState, useTransition } from "react";
import { Button } from "./button";

/** Deletes after an explicit confirmation; shows why it failed (e.g. still in use). */
export function DeleteButton({ action, what }: { action: () => Promise<void | { error: string }>; what: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Delete…
      </Button>
    );
  }
  return (
    <div className="flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : (
        <span className="text-sm">Delete {what}?</span>
      )}
      <Button
        variant="danger"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await action();
            if (result && "error" in result) setError(result.error);
          })
        }
      >
        {pending ? "Deleting…" : "Delete"}
      </Button>
      <Button variant="secondary" onClick={() => { setConfirming(false); setError(null); }}>
        Cancel
      </Button>
    </div>
  );
}
