import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

// A machine asked for by a hostname, id or MAC that no machine has: search for it instead.
export default function MachineNotFound() {
  return (
    <>
      <PageHeader title="No such machine" subtitle={<Link href="/machines" className="hover:underline">← All machines</Link>} />
      <div className="space-y-4 p-6">
        <EmptyState title="No machine has this name or id">
          It may have been deleted or renamed. Search by part of a hostname, a MAC or an address:
          <form action="/machines" role="search" className="mt-3 flex justify-center gap-2">
            <input name="q" aria-label="Search machines" placeholder="storage-r01, 52:54:00…" className="w-64 rounded border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100" />
            <button type="submit" className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700">Search</button>
          </form>
        </EmptyState>
      </div>
    </>
  );
}
