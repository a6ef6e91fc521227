import { z } from "zod";
import { DHCP_FORMATS } from "./model";

export const dhcpFormat = z.enum(DHCP_FORMATS, { error: `format must be one of ${DHCP_FORMATS.join(", ")}` });

/** A list from a query string ("eth0,eth1") or the FLEETBOOT_KEA_INTERFACES setting. */
export const interfaceList = z
  .string()
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^(\*|[A-Za-z0-9_.-]{1,15}(\/[0-9.]+)?)$/, "interfaces must be interface names or *")).min(1).max(64));

export const dhcpQuerySchema = z.object({
  interfaces: interfaceList.optional(),
  console: z.string().max(200).optional(),
});
