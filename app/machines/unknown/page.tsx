import Link from "next/link";
import { getConsoleUser } from "@/lib/auth/console";
import { can } from "@/lib/auth/permissions";
import { UnknownMacTable } from "@/components/onboarding/unknown-mac-table";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listUnknownMacs } from "@/lib/unknown-macs/queries";
import { unknownMacListQuery } from "@/lib/unknown-macs/schema";
import { dismissUnknownMacsAction } from "./actions";

export const metadata = { title: "Unknown MACs" };

export default async function UnknownMacsPage() {
  const { items, total } = await listUnknownMacs(unknownMacListQuery.parse({}));
  const user = await getConsoleUser();
  const canOperate = !!user && can(user.role, "operate");
  return (
    <>
      <PageHeader
        title="Unknown MACs"
        subtitle={
          <>
            <Link href="/machines" className="hover:underline">← All machines</Link> · MACs that asked for a boot script but are not registered; their boot holds until they are.
          </>
        }
        actions={<LiveRefresh kind="boot.unknown_mac" />}
      />
      <div className="space-y-3 p-6">
        {items.length === 0 ? (
          <EmptyState title="No unknown MACs">
            A machine that PXE-boots before it is registered shows up here, with what its firmware told us.{" "}
            <Link href="/machines/import" className="text-sky-700 hover:underline dark:text-sky-400">Add machines</Link> by pasting their MACs.
          </EmptyState>
        ) : (
          <>
            {total > items.length ? <p className="text-sm text-zinc-500">The {items.length} most recently seen of {total.toLocaleString("en")}.</p> : null}
            <UnknownMacTable items={items} canOperate={canOperate} dismiss={dismissUnknownMacsAction} />
          </>
        )}
      </div>
    </>
  );
}
