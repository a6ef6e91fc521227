import { spawnSync } from "node:child_process";

/** Fails loudly when a Debian package a real-protocol test needs is missing: such a test must fail, never skip. */
export function requireBinary(name: string, debianPackage: string): void {
  if (spawnSync("sh", ["-c", `command -v "$1"`, "sh", name]).status !== 0) {
    throw new Error(`${name} is not installed; this test needs it: apt-get install ${debianPackage}`);
  }
}

