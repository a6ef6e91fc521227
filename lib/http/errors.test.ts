import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { toAppError } from "./errors";

useTestDatabase();

const failure = async (write: () => Promise<unknown>) => {
  try {
    await write();
  } catch (err) {
    return toAppError(err);
  }
  throw new Error("the write succeeded");
};

describe("foreign-key failures from PostgreSQL", () => {
  it("say which referenced record vanished when a write points at one a concurrent request deleted", async () => {
    const gone = "00000000-0000-4000-8000-000000000000";
    expect(await failure(() => db.machine.create({ data: { hostname: "fk-1", roleId: gone } }))).toMatchObject({
      code: "conflict",
      message: "the role it names was deleted at the same moment; check it and try again",
      details: { field: "role_id" },
    });
    const role = await db.role.create({ data: { name: "fk-role" } });
    expect(await failure(() => db.role.update({ where: { id: role.id }, data: { desiredVersionId: gone } }))).toMatchObject({
      message: "the image version it names was deleted at the same moment; check it and try again",
    });
  });

  it("say that others still point at a record being deleted", async () => {
    const role = await db.role.create({ data: { name: "fk-kept" } });
    await db.machine.create({ data: { hostname: "fk-2", roleId: role.id } });
    expect(await failure(() => db.role.delete({ where: { id: role.id } }))).toMatchObject({ code: "conflict", message: "it is still referenced by other records; remove those first" });
  });
});
