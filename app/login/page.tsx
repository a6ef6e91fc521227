import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { oidcEnabled } from "@/lib/auth/auth";
import { getConsoleUser } from "@/lib/auth/console";
import { countUsers } from "@/lib/auth/users";
import { loginAction } from "./actions";
import { OidcButton } from "@/components/auth/oidc-button";

export const metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  if (await getConsoleUser()) redirect(next ?? "/");
  const noUsers = (await countUsers()) === 0;
  return (
    <div className="mx-auto mt-24 max-w-sm space-y-6 px-6">
      <div>
        <h1 className="flex items-center gap-2 text-xl font-semibold"><span aria-hidden className="inline-block size-3 rounded-sm bg-sky-500" />Fleetboot</h1>
        <p className="text-sm text-zinc-500">Log in to the console.</p>
      </div>
      {noUsers ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          No user exists yet. The console printed a one-time setup link in its log when it started; open it to create the first admin, or run <code>npm run user:create -- --email you@example.com --role admin</code>.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          Single sign-on did not log you in ({error === "sso" ? "the provider or the console refused it" : error.slice(0, 80)}). A disabled account, an unverified email or an expired attempt end here; try again or ask an admin.
        </p>
      ) : null}
      <LoginForm action={loginAction} next={next} />
      {oidcEnabled() ? <OidcButton next={next} /> : null}
    </div>
  );
}
