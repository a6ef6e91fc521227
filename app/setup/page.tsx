import { SetupForm } from "@/components/auth/setup-form";
import { setupTokenValid } from "@/lib/auth/setup";
import { setupAction } from "./actions";

export const metadata = { title: "First start" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  const valid = await setupTokenValid(token);
  return (
    <div className="mx-auto mt-24 max-w-md space-y-6 px-6">
      <div>
        <h1 className="text-xl font-semibold">Create the first admin</h1>
        <p className="text-sm text-zinc-500">This link works once, until an admin exists. Further users are added from Settings → Users.</p>
      </div>
      {valid ? (
        <SetupForm action={setupAction} token={token} />
      ) : (
        <p role="alert" className="text-sm text-red-600">This setup link is used, expired or wrong. Restart the console to print a new one, or run <code>npm run user:create</code>.</p>
      )}
    </div>
  );
}
