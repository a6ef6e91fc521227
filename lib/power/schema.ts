import { z } from "zod";
import { POWER_ACTIONS } from "./driver";

export const powerActionSchema = z.object({
  action: z.enum(POWER_ACTIONS, { error: `action must be one of ${POWER_ACTIONS.join(", ")}` }),
});

export type PowerActionInput = z.output<typeof powerActionSchema>;
