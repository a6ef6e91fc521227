import type { ReactNode } from "react";
import { getConsoleUser } from "@/lib/auth/console";
import type { Permission } from "@/lib/auth/permissions";
import { WhenAllowed } from "./when-allowed";

const WHO: Record<Permission, string> = { read: "anyone", operate: "operators and admins", administer: "admins" };

/** A line that says who may do `what`, and what the user is. */
export async function NotAllowedNote({ permission, what }: { permission: Permission; what: string }) {
  const me = await getConsoleUser();
  return (
    <p className="rounded border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
      Only {WHO[permission]} can {what}{me ? `; you are ${me.role === "admin" ? "an admin" : `a ${me.role}`}` : ""}.
    </p>
  );
}

/** The form for users allowed to use it; for others a line that says who may, instead of a form that would be refused. */
export async function EditableBy({ permission, what, children }: { permission: Permission; what: string; children: ReactNode }) {
  return (
    <WhenAllowed permission={permission} fallback={<NotAllowedNote permission={permission} what={what} />}>
      {children}
    </WhenAllowed>
  );
}
