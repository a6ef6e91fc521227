import { PageHeader } from "@/components/ui/page-header";

export default function FleetPage() {
  return <PageHeader title="Fleet" subtitle="Desired versus running image versions, per role." />;
}
