import { rolloutCommandRoute } from "@/lib/rollouts/route";
import { otherMethods } from "@/lib/http/methods";

export const POST = rolloutCommandRoute("resume");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
