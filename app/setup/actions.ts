"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/auth";
import { completeSetup } from "@/lib/auth/setup";
import { runFormAction, type FormState } from "@/lib/forms/action";
import { z } from "zod";

const setupSchema = z
  .object({
    token: z.string().min(1, "the setup link is incomplete"),
    email: z.email({ error: "must be an email address" }).trim().toLowerCase(),
    name: z.string().trim().max(100).default(""),
    password: z.string().min(12, "at least 12 characters").max(256),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "the two passwords differ" });

export async function setupAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let email = "";
  let password = "";
  const state = await runFormAction(fd, setupSchema, async (input) => {
    await completeSetup(input.token, { email: input.email, name: input.name, password: input.password });
    email = input.email;
    password = input.password;
  });
  if (!state.ok) return { ...state, values: { ...state.values, password: "", confirm: "" } };
  await getAuth().api.signInEmail({ body: { email, password }, headers: await headers() });
  redirect("/");
}
