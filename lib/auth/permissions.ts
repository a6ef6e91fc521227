import type { UserRole } from "@/lib/generated/prisma/enums";

// One permission per kind of action, checked in one place (lib/auth/request.ts):
//   read       — everything but secrets: viewer and up
//   operate    — onboard machines, redeploy, rollouts, power actions: operator and up
//   administer — users, tokens, roles/images/mirrors/subnets, settings: admin
export type Permission = "read" | "operate" | "administer";

export const ROLES: readonly UserRole[] = ["viewer", "operator", "admin"];

const NEEDS: Record<Permission, UserRole> = { read: "viewer", operate: "operator", administer: "admin" };

export function rank(role: UserRole): number {
  return ROLES.indexOf(role);
}

export function can(role: UserRole, permission: Permission): boolean {
  return rank(role) >= rank(NEEDS[permission]);
}

export function describeNeed(permission: Permission): string {
  return `this needs the ${NEEDS[permission]} role`;
}
