import Link from "next/link";
import { ErrorState } from "@/components/ui/ErrorState";

export default function ServiceNotFound() {
  return (
    <ErrorState
      title="No such service page"
      message="This address does not name a Service lbpath knows."
      fix="Pick the Service from the overview."
      actions={
        <Link href="/" className="font-semibold underline">
          ← Back to all clusters and services
        </Link>
      }
    />
  );
}
