// A process that starts a long deploy command and then waits: run.test.ts kills it with
// SIGKILL and checks that the command's whole process group goes with it.
import { runCommand } from "../run";

const [leaderPidFile, memberPidFile] = process.argv.slice(2);
void runCommand(["/bin/sh", "-c", 'sleep 61 & echo $! > "$2"; echo $$ > "$1"; exec sleep 60', "sh", leaderPidFile, memberPidFile], {
  timeoutMs: 120_000,
  onOutput: (text) => process.stdout.write(text),
});
