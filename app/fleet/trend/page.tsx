import { FleetNav } from "@/components/fleet/fleet-nav";
import { TrendChart, type TrendSeries } from "@/components/fleet/trend-chart";
import { TrendFilters } from "@/components/fleet/trend-filters";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TREND_RANGES, trendQuery } from "@/lib/fleet/schema";
import { getConvergenceTrend, type RoleTrend } from "@/lib/fleet/trend-queries";
import { listRoleNames } from "@/lib/machines/queries";

export const metadata = { title: "Convergence trend" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function toSeries(r: RoleTrend, to: Date): TrendSeries {
  return {
    title: r.role,
    desiredVersion: r.desiredVersion,
    points: r.points.map((p) => [p.at.getTime(), p.converged, p.total]),
    rollouts: r.rollouts.map((m) => ({ name: m.name, state: m.state, from: m.startedAt.getTime(), to: (m.finishedAt ?? to).getTime() })),
  };
}

/** The fleet as one line: every role with a desired version, summed. */
function fleetSeries(roles: RoleTrend[]): TrendSeries {
  const points = roles[0].points.map((p, k): [number, number, number] => [
    p.at.getTime(),
    roles.reduce((n, r) => n + r.points[k].converged, 0),
    roles.reduce((n, r) => n + r.points[k].total, 0),
  ]);
  return { title: "All roles", desiredVersion: "each role's desired version", points, rollouts: [] };
}

export default async function TrendPage({ searchParams }: { searchParams: Search }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = trendQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : trendQuery.parse({});
  const [trend, roles] = await Promise.all([getConvergenceTrend(q), listRoleNames()]);
  const range = TREND_RANGES[q.range];
  const every = range.stepSeconds >= 86_400 ? "UTC midnight" : range.stepSeconds >= 3600 ? "hour" : `${range.stepSeconds / 60} minutes`;

  return (
    <>
      <PageHeader title="Convergence trend" subtitle="Is the fleet getting to its desired versions?" actions={<LiveRefresh />} />
      <FleetNav current="Trend" />
      <div className="space-y-4 p-6">
        <TrendFilters q={q} roles={roles} />
        {!parsed.success ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">Ignored an invalid choice: {parsed.error.issues[0]?.message}</p> : null}
        <details className="max-w-4xl text-sm text-zinc-600 dark:text-zinc-400" open>
          <summary className="cursor-pointer font-medium text-zinc-700 dark:text-zinc-300">What is measured</summary>
          <p className="mt-1">
            Each point is the share of a role&apos;s machines that were running the role&apos;s <em>current</em> desired version at that moment
            (points every {every} over the last {range.label}, and now). A live-booted machine changes software only by booting: what it ran comes from
            its boots that reported in — each report is recorded with the version it booted — and it runs that version until its next boot. Before its
            first recorded boot a machine counts as not converged. Machines count from when they were registered (or from their recorded boot, if that is earlier), in the role they are in today;
            machines deleted since are left out. Shaded: rollouts of the role.
          </p>
        </details>
        {trend.roles.length === 0 ? (
          <EmptyState title="No role has a desired version">Set one on a role; its line starts here.</EmptyState>
        ) : (
          <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3">
            {trend.roles.length > 1 ? <TrendChart series={fleetSeries(trend.roles)} stepSeconds={trend.stepSeconds} /> : null}
            {trend.roles.map((r) => <TrendChart key={r.role} series={toSeries(r, trend.to)} stepSeconds={trend.stepSeconds} />)}
          </div>
        )}
        {trend.withoutDesired.length ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No line for roles without a desired version: {trend.withoutDesired.join(", ")}.</p>
        ) : null}
      </div>
    </>
  );
}
