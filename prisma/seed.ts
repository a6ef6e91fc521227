import type { PrismaClient } from "../lib/generated/prisma/client";

// A small, deterministic demo fleet so that every page has something true to show
// before real machines (or the simulator) report in.

const RACKS = ["r01", "r02", "r03", "r04"];

function mac(n: number): string {
  // 52:54:00 is a locally administered prefix: never a real vendor's.
  const hex = n.toString(16).padStart(6, "0");
  return `52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

function hoursAgo(h: number): Date {
  return new Date(Date.now() - h * 3_600_000);
}

export async function isEmpty(db: PrismaClient): Promise<boolean> {
  const [roles, machines] = await Promise.all([db.role.count(), db.machine.count()]);
  return roles === 0 && machines === 0;
}

export async function seedDemoFleet(db: PrismaClient): Promise<{ machines: number }> {
  return db.$transaction(async (tx) => {
    await tx.mirror.createMany({
      data: [
        { name: "mirror-a", baseUrl: "http://10.20.0.10/images", weight: 100, site: "dc1" },
        { name: "mirror-b", baseUrl: "http://10.20.0.11/images", weight: 100, site: "dc1" },
        { name: "mirror-c", baseUrl: "http://10.20.0.12/images", weight: 50, site: "dc1", enabled: false },
      ],
    });
    const subnet = await tx.subnet.create({
      data: {
        name: "prod-a",
        cidr: "10.20.0.0/22",
        gateway: "10.20.0.1",
        dns: ["10.20.0.2", "10.20.0.3"],
        domain: "prod-a.example.net",
        poolStart: "10.20.1.0",
        poolEnd: "10.20.3.250",
        nextServer: "10.20.0.10",
      },
    });

    const specs = [
      { role: "storage", description: "Ceph OSD hosts: RAID assembly, data mounts, OSD services", count: 24, old: "2026.10.2", cur: "2026.11.0" },
      { role: "block-frontend", description: "iSCSI/NVMe-oF gateways in front of the storage role", count: 16, old: "2026.10.1", cur: "2026.11.1" },
      { role: "compute", description: "General purpose hypervisors", count: 10, old: "2026.09.4", cur: "2026.10.0" },
    ];

    let n = 0;
    for (const spec of specs) {
      const image = await tx.image.create({
        data: { name: `debian-${spec.role}`, description: `Debian 12 live image for ${spec.role}` },
      });
      const [oldV, curV] = await Promise.all(
        [spec.old, spec.cur].map((version, i) =>
          tx.imageVersion.create({
            data: {
              imageId: image.id,
              version,
              kernelPath: `${image.name}/${version}/vmlinuz`,
              initrdPath: `${image.name}/${version}/initrd.img`,
              squashfsPath: `${image.name}/${version}/filesystem.squashfs`,
              sha256: (i ? "b" : "a").repeat(8) + spec.role.length.toString(16).padStart(56, "0"),
              sizeBytes: BigInt(180_000_000 + i * 4_000_000),
              // The previous release still runs on some machines: stable, so a rollback can target it.
              status: "stable",
              notes: i ? "Current release" : "Previous release",
            },
          }),
        ),
      );
      const role = await tx.role.create({
        data: {
          name: spec.role,
          description: spec.description,
          desiredVersionId: curV.id,
          playbook: "deploy/playbooks/runtime.yml",
          kernelArgs: spec.role === "storage" ? "intel_iommu=on" : "",
        },
      });

      for (let i = 1; i <= spec.count; i++) {
        n++;
        const rack = RACKS[(i - 1) % RACKS.length];
        // Mostly converged, some behind, a few in flight or broken, one never booted.
        const roll = (i * 7 + spec.count) % 10;
        const state =
          i === spec.count ? "new" : roll === 0 ? "failed" : roll === 1 ? "deploying" : roll === 2 ? "booting" : "ready";
        const booted = state === "new" ? null : roll < 4 ? oldV : curV;
        const lastBoot = state === "new" ? null : hoursAgo(roll < 4 ? 24 * (20 + i) : 2 + i);
        await tx.machine.create({
          data: {
            hostname: `${spec.role}-${rack}-${String(i).padStart(2, "0")}`,
            roleId: role.id,
            subnetId: subnet.id,
            ipv4: `10.20.${1 + Math.floor(n / 250)}.${n % 250}`,
            rack,
            state,
            maintenance: i === 3,
            bootedVersionId: booted?.id ?? null,
            bootedImageSha256: booted?.sha256 ?? null,
            lastBootAt: lastBoot,
            lastSeenAt: state === "new" ? null : hoursAgo(0.1 * (i % 5)),
            bmcType: i % 5 === 0 ? "ipmi" : "redfish",
            bmcAddress: `10.21.0.${n}`,
            bmcUsername: "fleetboot",
            interfaces: { create: [{ mac: mac(0x100000 + n), name: "eno1", isBoot: true }] },
          },
        });
      }
    }

    await tx.unknownMac.createMany({
      data: [
        { mac: "52:54:00:fe:00:01", requestCount: 4, sourceIp: "10.20.3.251", arch: "x86_64", platform: "efi", serial: "CZ2201AB" },
        { mac: "52:54:00:fe:00:02", requestCount: 1, sourceIp: "10.20.3.252", arch: "x86_64", platform: "pcbios" },
      ],
    });
    await tx.event.create({ data: { kind: "fleet.seeded", payload: { machines: n } } });
    return { machines: n };
  });
}
