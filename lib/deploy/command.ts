// The deploy command is an argv array, never a shell string: values are substituted
// into whole elements, so a hostname or image label can never become shell syntax.

export const PLACEHOLDERS = ["ip", "hostname", "role", "image", "playbook"] as const;
export type DeployVars = Record<(typeof PLACEHOLDERS)[number], string>;

export const DEFAULT_PLAYBOOK = "deploy/playbooks/runtime.yml";

export function defaultDeployCommand(): string[] {
  return [
    "ansible-playbook",
    "-i",
    "{ip},",
    "{playbook}",
    "-e",
    "fleetboot_hostname={hostname}",
    "-e",
    "fleetboot_role={role}",
    "-e",
    "fleetboot_image={image}",
  ];
}

export function buildDeployArgv(template: string[], vars: DeployVars): string[] {
  const argv = (template.length ? template : defaultDeployCommand()).map((part) =>
    part.replace(/\{([a-z]+)\}/g, (whole, name: string) => (name in vars ? vars[name as keyof DeployVars] : whole)),
  );
  if (!argv[0]) throw new Error("the deploy command is empty");
  return argv;
}
