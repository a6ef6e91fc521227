import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Not found" };

// Any page that names something the console does not have (a deleted machine, a typo).
export default function NotFound() {
  return (
    <>
      <PageHeader title="Not found" />
      <div className="p-6">
        <EmptyState title="Nothing is at this address">
          It may have been deleted or renamed. Start again from the{" "}
          <Link href="/" className="text-sky-700 hover:underline dark:text-sky-400">Fleet</Link> or the{" "}
          <Link href="/machines" className="text-sky-700 hover:underline dark:text-sky-400">machine list</Link>.
        </EmptyState>
      </div>
    </>
  );
}
