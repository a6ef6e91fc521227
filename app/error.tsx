"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// A page whose data could not be loaded (the database unreachable, say): say so, keep the
// navigation, and offer to try again rather than a blank page.
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="p-6">
      <EmptyState title="This page could not be loaded">
        <p>The console hit an error while building it{error.digest ? ` (reference ${error.digest}, in the console's log)` : ""}. If the database is restarting, trying again in a moment works.</p>
        <Button className="mt-3" onClick={() => reset()}>Try again</Button>
      </EmptyState>
    </div>
  );
}
