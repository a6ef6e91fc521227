import type { ReactNode } from "react";
import { consoleCan } from "@/lib/auth/console";
import type { Permission } from "@/lib/auth/permissions";

/**
 * Renders its children only for users with the permission (and `fallback` otherwise). The
 * server still checks every action; this only keeps controls away from those who cannot use them.
 */
export async function WhenAllowed({ permission, children, fallback = null }: { permission: Permission; children: ReactNode; fallback?: ReactNode }) {
  return (await consoleCan(permission)) ? <>{children}</> : <>{fallback}</>;
}
