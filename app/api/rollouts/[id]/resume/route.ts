import { rolloutCommandRoute } from "@/lib/rollouts/route";

export const POST = rolloutCommandRoute("resume");
