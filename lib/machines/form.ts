// The machine form is flat (bmcType, bmcAddress, …); the API nests the BMC. Maps one to
// the other so both validate with the same schema.
export function machineFormToInput(values: Record<string, unknown>): Record<string, unknown> {
  const { bmcType, bmcAddress, bmcPort, bmcUsername, bmcPassword, bmcTls, ...rest } = values;
  let bmc: unknown;
  if (bmcType === "none") bmc = null;
  else if (bmcType) bmc = { type: bmcType, address: bmcAddress ?? "", port: bmcPort ?? undefined, username: bmcUsername ?? "", password: bmcPassword ?? undefined, tls: bmcTls || undefined };
  const out: Record<string, unknown> = { ...rest, bmc };
  if (out.tags === null) out.tags = [];
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/**
 * The edit form, where an empty field clears it: a subnet left at "(from the address)"
 * is left out when there is an address (the machine keeps or finds the subnet that holds
 * it) and cleared when there is none.
 */
export function machineEditFormToInput(values: Record<string, unknown>): Record<string, unknown> {
  const out = machineFormToInput(values);
  if (out.subnet === null && out.ipv4) delete out.subnet;
  return out;
}
