import { PLACEHOLDERS } from "@/lib/deploy/command";

// A role's deploy command is an argv array that lib/deploy runs without a shell and fills
// element by element, so these checks are about mistakes, not injection: a placeholder
// it would leave unfilled, or a value the kernel's execve or a log line would mangle.

export const MAX_DEPLOY_ARGS = 64;
export const MAX_DEPLOY_ARG_LENGTH = 1024;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const KNOWN = new Set<string>(PLACEHOLDERS);
const NAMED = PLACEHOLDERS.map((p) => `{${p}}`);
const KNOWN_LIST = `${NAMED.slice(0, -1).join(", ")} or ${NAMED[NAMED.length - 1]}`;

export interface ArgvProblem {
  index: number | null;
  message: string;
}

/** Every reason `argv` cannot be a deploy command, each naming the element at fault. */
export function deployCommandProblems(argv: readonly string[]): ArgvProblem[] {
  if (argv.length > MAX_DEPLOY_ARGS) {
    return [{ index: null, message: `Deploy command has ${argv.length} arguments; at most ${MAX_DEPLOY_ARGS} are allowed` }];
  }
  const problems: ArgvProblem[] = [];
  argv.forEach((arg, index) => {
    const at = `Argument ${index + 1}`;
    const fail = (message: string) => problems.push({ index, message: `${at} ${message}` });
    if (arg === "") return fail("is empty; remove it or give it a value");
    if (arg.length > MAX_DEPLOY_ARG_LENGTH) return fail(`is longer than ${MAX_DEPLOY_ARG_LENGTH} characters`);
    if (/[\x00-\x1f\x7f]/.test(arg)) return fail("contains a control character (NUL, tab, newline, …)");
    const unknown = [...arg.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !KNOWN.has(name));
    if (unknown.length) return fail(`uses unknown placeholder {${unknown[0]}}; use ${KNOWN_LIST}`);
    // A whole command line typed into one element is the usual mistake here.
    if (index === 0 && arg.includes(" ")) return fail("(the program) contains a space: give each argument separately, one per line");
    if (index === 0 && arg.match(PLACEHOLDER)) return fail("(the program) must be fixed, not a placeholder");
    if (index === 0 && arg.startsWith("-")) return fail(`(the program) must be a command, not the option "${arg}"`);
  });
  return problems;
}
