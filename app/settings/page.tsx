import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  const links = [
    { href: "/settings/users", label: "Users", text: "Who can log in, and as what: viewer, operator or admin." },
    { href: "/settings/tokens", label: "API tokens", text: "Bearer tokens for scripts and CI." },
    { href: "/audit", label: "Audit log", text: "Every change: who, what, when, from where." },
  ];
  return (
    <>
      <PageHeader title="Settings" />
      <ul className="max-w-2xl space-y-3 p-6">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="font-medium text-sky-700 hover:underline dark:text-sky-400">{l.label}</Link>
            <p className="text-sm text-zinc-500">{l.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
