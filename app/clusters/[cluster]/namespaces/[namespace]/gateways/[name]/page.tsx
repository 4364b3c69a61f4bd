import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { describeParamError, ObjectParams } from "@/lib/api/params";
import { decodeSegment } from "@/lib/url/paths";
import { ErrorState } from "@/components/ui/ErrorState";
import { SubjectView } from "@/components/alb/SubjectView";
import { LoadingState } from "@/components/topology/TopologyStates";

type Params = Promise<{ cluster: string; namespace: string; name: string }>;

async function readParams(params: Params) {
  const raw = await params;
  return { cluster: decodeSegment(raw.cluster), namespace: decodeSegment(raw.namespace), name: decodeSegment(raw.name) };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await readParams(params);
  return { title: `Gateway ${p.namespace}/${p.name} · ${p.cluster} · lbpath` };
}

/** /clusters/{cluster}/namespaces/{namespace}/gateways/{name}: the Gateway's traffic paths (issue 13, docs/alb.md). */
export default async function GatewayPage({ params }: { params: Params }) {
  const p = await readParams(params);
  const parsed = ObjectParams.safeParse(p);
  if (!parsed.success) {
    return (
      <ErrorState
        title="Not a valid Gateway address"
        message={describeParamError(parsed.error)}
        fix="Namespaces are DNS-1123 labels; Gateway names are DNS-1123 subdomains (lower-case letters, digits, '-' and '.')."
        code="INVALID_PARAMETER"
        actions={
          <Link href="/" className="font-semibold underline">
            ← Back to all clusters
          </Link>
        }
      />
    );
  }
  return (
    <Suspense fallback={<LoadingState svc={{ ...parsed.data, kind: "Gateway" }} />}>
      <SubjectView {...parsed.data} kind="Gateway" />
    </Suspense>
  );
}
