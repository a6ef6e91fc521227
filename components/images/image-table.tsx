import Link from "next/link";
import { formatBytes, shortSha } from "@/lib/images/format";
import type { ImageDto } from "@/lib/images/dto";
import { DesiredBy } from "./desired-by";
import { VersionFiles } from "./version-files";
import { VersionStatusBadge } from "./version-status-badge";

const LINK = "text-sky-700 hover:underline dark:text-sky-400";

/** Every image with its versions, one row per version, the image spanning them. */
export function ImageTable({ images }: { images: ImageDto[] }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>Image</th>
          <th>Version</th>
          <th>Status</th>
          <th className="whitespace-nowrap">Desired by</th>
          <th className="whitespace-nowrap text-right" title="Machines that last reported booting this version">Booted on</th>
          <th className="text-right">Size</th>
          <th>SHA-256</th>
          <th>Files</th>
        </tr>
      </thead>
      <tbody>
        {images.map((image) => {
          const span = Math.max(image.versions.length, 1);
          const head = (
            <td rowSpan={span} className="align-top">
              <Link className={`font-medium ${LINK}`} href={`/images/${image.name}`}>
                {image.name}
              </Link>
              {image.description ? <div className="max-w-48 truncate text-xs text-zinc-500 dark:text-zinc-400" title={image.description}>{image.description}</div> : null}
            </td>
          );
          if (image.versions.length === 0) {
            return (
              <tr key={image.id}>
                {head}
                <td colSpan={7} className="text-zinc-500 dark:text-zinc-400">
                  No versions yet —{" "}
                  <Link className={LINK} href={`/images/${image.name}#add-version`}>
                    add the first one
                  </Link>
                </td>
              </tr>
            );
          }
          return image.versions.map((v, i) => (
            <tr key={v.id}>
              {i === 0 ? head : null}
              <td className="font-mono">{v.version}</td>
              <td>
                <VersionStatusBadge status={v.status} />
              </td>
              <td>
                <DesiredBy roles={v.desiredBy} />
              </td>
              <td className="text-right tabular-nums">{v.bootedMachines || "—"}</td>
              <td className="text-right tabular-nums">{formatBytes(v.sizeBytes)}</td>
              <td className="font-mono text-xs" title={v.sha256 ?? "no checksum recorded"}>
                {shortSha(v.sha256)}
              </td>
              <td className="!whitespace-normal">
                <VersionFiles kernelPath={v.kernelPath} initrdPath={v.initrdPath} squashfsPath={v.squashfsPath} />
              </td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}
