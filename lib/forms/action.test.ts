import { describe, expect, it } from "vitest";
import { fieldIssues } from "@/lib/http/errors";
import { subnetCreateSchema } from "@/lib/subnets/schema";
import { formFieldErrors } from "./action";

describe("formFieldErrors", () => {
  it("puts an error on a list's entry on the list's own field too, saying which entry", () => {
    const parsed = subnetCreateSchema.safeParse({ name: "lab", cidr: "10.1.0.0/24", dns: "8.8.8.8, banana" });
    expect(parsed.success).toBe(false);
    const errors = formFieldErrors(fieldIssues(parsed.error!));
    expect(errors.dns).toMatch(/^entry 2: /);
    expect(errors["dns.1"]).toBeDefined();
  });

  it("keeps the first error of a field, and marks a nested object's top field", () => {
    expect(formFieldErrors([
      { path: "hostname", message: "taken" },
      { path: "hostname", message: "second" },
      { path: "bmc.port", message: "must be a port" },
      { path: "", message: "form-wide" },
    ])).toEqual({ hostname: "taken", "bmc.port": "must be a port", bmc: "must be a port", _form: "form-wide" });
  });
});
