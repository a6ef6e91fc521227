import { describe, expect, it } from "vitest";
import { defaultDeployCommand } from "@/lib/deploy/command";
import { deployCommandProblems } from "./deploy-command";

describe("deployCommandProblems", () => {
  it("accepts every known placeholder, alone or inside an argument, and literal braces", () => {
    const argv = ["ansible-playbook", "-i", "{ip},", "-e", "host={hostname} role={role} image={image}", "-e", '{"raid": 10}', "{playbook}"];
    expect(deployCommandProblems(argv)).toEqual([]);
  });

  it("names the argument with an unknown placeholder", () => {
    expect(deployCommandProblems(["ansible-playbook", "{ip}", "{password}"])).toEqual([
      { index: 2, message: "Argument 3 uses unknown placeholder {password}; use {ip}, {hostname}, {role}, {image} or {playbook}" },
    ]);
  });

  it.each([
    [["run", ""], "is empty"],
    [["run", "a\u0000b"], "control character"],
    [["run", "a\nb"], "control character"],
    [["run", "x".repeat(1025)], "longer than 1024"],
    [["{playbook}"], "must be fixed"],
    [["--help"], "not the option"],
  ])("refuses %j (%s)", (argv, words) => {
    expect(deployCommandProblems(argv)[0].message).toContain(words);
  });

  it("accepts the default command that an empty one stands for", () => {
    expect(deployCommandProblems(defaultDeployCommand())).toEqual([]);
  });

  it("refuses more than 64 arguments", () => {
    expect(deployCommandProblems(Array(65).fill("x"))).toEqual([{ index: null, message: expect.stringContaining("at most 64") }]);
  });
});
