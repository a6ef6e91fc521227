"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { consoleActor } from "@/lib/auth/console";
import { redeployMachine } from "@/lib/deploy/redeploy";
import { toAppError } from "@/lib/http/errors";
import { performPowerAction, readPowerState } from "@/lib/power/actions";
import { runDeleteAction, runFormAction, type FormState } from "@/lib/forms/action";
import { machineEditFormToInput, machineFormToInput } from "@/lib/machines/form";
import { bulkMachines, type BulkCommand } from "@/lib/machines/bulk";
import { createMachine, deleteMachine, updateMachine } from "@/lib/machines/mutations";
import { machineCreateSchema, machineUpdateSchema } from "@/lib/machines/schema";

export async function createMachineAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let hostname = "";
  const state = await runFormAction(
    fd,
    machineCreateSchema,
    async (input) => {
      hostname = (await createMachine(input, await consoleActor("operate")))!.hostname;
    },
    { reshape: machineFormToInput },
  );
  if (state.ok) {
    revalidatePath("/machines");
    redirect(`/machines/${hostname}`);
  }
  return state;
}

export async function updateMachineAction(id: string, _prev: FormState, fd: FormData): Promise<FormState> {
  let hostname = "";
  const state = await runFormAction(
    fd,
    machineUpdateSchema,
    async (input) => {
      hostname = (await updateMachine(id, input, await consoleActor("operate")))!.hostname;
    },
    { emptyAs: null, reshape: machineEditFormToInput },
  );
  if (state.ok) {
    revalidatePath("/machines");
    redirect(`/machines/${hostname}?saved=1`);
  }
  return state;
}

export async function deleteMachineAction(id: string) {
  const failed = await runDeleteAction(async () => deleteMachine(id, await consoleActor("operate")));
  if (failed) return failed;
  revalidatePath("/machines");
  redirect("/machines");
}

export async function redeployAction(id: string) {
  const failed = await runDeleteAction(async () => redeployMachine(id, await consoleActor("operate")));
  if (failed) return failed;
  revalidatePath(`/machines/${id}`);
  return undefined;
}

export async function powerAction(id: string, action: "pxe-cycle" | "cycle" | "on" | "off"): Promise<{ ok: boolean; message: string }> {
  try {
    const actor = await consoleActor("operate");
    const result = await performPowerAction(id, action, { actor });
    revalidatePath(`/machines/${id}`);
    return { ok: true, message: `${result.protocol}: ${result.detail}` };
  } catch (err) {
    const e = toAppError(err);
    return { ok: false, message: e.code === "internal" ? "Something went wrong; see the server log." : e.message };
  }
}

/** The machine list's action on the machines ticked on it: what changed, or why nothing did. */
export async function bulkMachineAction(command: BulkCommand, ids: string[]): Promise<{ ok: boolean; message: string }> {
  try {
    const { changed } = await bulkMachines(ids, command, await consoleActor("operate"));
    revalidatePath("/machines");
    const n = `${changed} machine${changed === 1 ? "" : "s"}`;
    const done = { maintenance_on: `${n} put in maintenance`, maintenance_off: `${n} taken out of maintenance`, delete: `${n} deleted` }[command];
    return { ok: true, message: changed === 0 ? "Nothing to change: every chosen machine was already so." : `${done}.` };
  } catch (err) {
    const e = toAppError(err);
    return { ok: false, message: e.code === "internal" ? "Something went wrong; see the server log." : e.message };
  }
}

/** What the machine's BMC says of its power now, for the power menu: a state, or why it could not tell. */
export async function powerStateAction(id: string): Promise<{ state: "on" | "off" | "unknown"; message: string }> {
  try {
    await consoleActor("read");
    const r = await readPowerState(id, { timeoutMs: 8000 });
    return { state: r.state, message: r.state === "unknown" ? r.detail : `Power is ${r.state} (${r.protocol}, read just now)` };
  } catch (err) {
    const e = toAppError(err);
    return { state: "unknown", message: e.code === "internal" ? "Could not read the power state; see the server log." : e.message };
  }
}
