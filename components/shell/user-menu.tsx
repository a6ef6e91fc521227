import Link from "next/link";

export function UserMenu({ email, role, logout }: { email: string; role: string; logout: () => Promise<void> }) {
  return (
    <div className="px-2 py-1 text-xs">
      <p className="truncate font-medium" title={email}>{email}</p>
      <p className="text-zinc-500 dark:text-zinc-400">{role}</p>
      <div className="mt-1 flex gap-3">
        <Link href="/settings" className="text-sky-700 hover:underline dark:text-sky-400">Settings</Link>
        <form action={logout}>
          <button type="submit" className="text-sky-700 hover:underline dark:text-sky-400">Log out</button>
        </form>
      </div>
    </div>
  );
}
