import { z } from "zod";
import { refuseWith, slug } from "@/lib/validation/fields";
import { checkSubnetLayout, isIPv4, parseSubnetCidr, unicastProblem, type SubnetLayout } from "./ipv4";

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** RFC 1123 host or domain name; an all-digit last label is refused so "192.0.2.300" cannot pass as a name. */
function isDnsName(value: string): boolean {
  const labels = value.split(".");
  return value.length <= 253 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

const ipv4 = z
  .string()
  .trim()
  .refine(isIPv4, { error: (i) => `${String(i.input).trim()} is not an IPv4 address (four numbers 0–255, such as 10.0.0.1)` })
  .superRefine(refuseWith(unicastProblem));

const cidr = z.string({ error: "CIDR is required" }).transform((v, ctx) => {
  const r = parseSubnetCidr(v);
  if (r.ok) return r.cidr;
  ctx.addIssue({ code: "custom", message: r.reason });
  return z.NEVER;
});

const dnsName = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/\.$/, ""))
  .refine(isDnsName, "must be a DNS name made of letters, digits and hyphens, such as prod.example.net");

/** A list from JSON, or comma/space separated from a form; duplicates are dropped. */
const dns = z
  .union([z.array(z.string()), z.string().transform((v) => v.split(/[\s,;]+/).filter(Boolean)), z.null().transform(() => [])])
  .pipe(z.array(ipv4).max(8, "at most 8 DNS servers"))
  .transform((list) => [...new Set(list)]);

const nextServer = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => (/^[\d.]+$/.test(v) ? isIPv4(v) : isDnsName(v)), {
    error: (i) => `${String(i.input).trim()} is neither an IPv4 address nor a host name`,
  })
  .superRefine(refuseWith(unicastProblem));

const fields = {
  name: slug("Name"),
  cidr,
  gateway: ipv4.nullable(),
  dns,
  domain: dnsName.nullable(),
  poolStart: ipv4.nullable(),
  poolEnd: ipv4.nullable(),
  nextServer: nextServer.nullable(),
};

function addLayoutIssues(layout: SubnetLayout, ctx: z.RefinementCtx) {
  for (const issue of checkSubnetLayout(layout)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
}

export const subnetCreateSchema = z
  .object({
    name: fields.name,
    cidr: fields.cidr,
    gateway: fields.gateway.optional(),
    dns: fields.dns.default([]),
    domain: fields.domain.optional(),
    poolStart: fields.poolStart.optional(),
    poolEnd: fields.poolEnd.optional(),
    nextServer: fields.nextServer.optional(),
  })
  .superRefine(addLayoutIssues);

/** A partial update; the address rules need the stored subnet, so the mutation checks them. */
export const subnetUpdateSchema = z.object(fields).partial();

/** The update schema checked against `current`, so a form can put layout errors next to their fields. */
export function subnetEditSchema(current: SubnetLayout) {
  return subnetUpdateSchema.superRefine((v, ctx) => addLayoutIssues(mergeLayout(current, v), ctx));
}

export function mergeLayout(current: SubnetLayout, change: Partial<SubnetLayout>): SubnetLayout {
  return {
    cidr: change.cidr ?? current.cidr,
    gateway: change.gateway === undefined ? current.gateway : change.gateway,
    poolStart: change.poolStart === undefined ? current.poolStart : change.poolStart,
    poolEnd: change.poolEnd === undefined ? current.poolEnd : change.poolEnd,
    nextServer: change.nextServer === undefined ? current.nextServer : change.nextServer,
  };
}

export type SubnetCreateInput = z.output<typeof subnetCreateSchema>;
export type SubnetUpdateInput = z.output<typeof subnetUpdateSchema>;
