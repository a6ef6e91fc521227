import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { useTestDatabase } from "@/lib/testing/db";
import { createUser } from "./users";

// The console's own server hands Next.js requests whose URL names the address it listens
// on; a browser names the host it typed. better-auth's origin check must see the latter.

useTestDatabase();
process.env.FLEETBOOT_SECRET_KEY = "55".repeat(32);
delete process.env.FLEETBOOT_PUBLIC_URL;

const signIn = (origin: string, host = "fleet.example:3000") =>
  authPost(
    new Request("http://0.0.0.0:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", host, origin },
      body: JSON.stringify({ email: "ops@example.test", password: "correct-horse-battery" }),
    }),
  );

describe("better-auth behind the console's server", () => {
  it("takes a browser's sign-in from the host it reached, and still refuses other origins", async () => {
    await createUser({ email: "ops@example.test", password: "correct-horse-battery", role: "admin" }, "test");
    const ok = await signIn("http://fleet.example:3000");
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/fleetboot\.session_token=/);
    expect((await signIn("http://evil.example")).status).toBe(403);
    // The address the server listens on is not what any browser sent.
    expect((await signIn("http://0.0.0.0:3000")).status).toBe(403);
    // A Host that is not a bare host[:port] is not believed: the listening address stands.
    expect((await signIn("http://fleet.example:3000", "fleet.example:3000/evil")).status).toBe(403);
  });
});
