import { rolloutCommandRoute } from "@/lib/rollouts/route";
import { otherMethods } from "@/lib/http/methods";

export const POST = rolloutCommandRoute("cancel");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
