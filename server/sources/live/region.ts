import type * as k8s from "@/server/core/model/kubernetes";
import { LABEL_ZONE, LABEL_ZONE_LEGACY } from "@/server/core/model/kubernetes";

/**
 * Pure: which AWS region and which AWS-side cluster name a Kubernetes cluster belongs to.
 * Region order: AWS_REGION / AWS_DEFAULT_REGION, then an EKS ARN or `aws eks get-token --region` in the
 * kubeconfig, then the Nodes' zones (K7 `topology.kubernetes.io/zone`, or the providerID `aws:///<zone>/<id>`, A4).
 */

/** "us-east-1a" → "us-east-1"; also Local/Wavelength Zones ("us-west-2-lax-1a" → "us-west-2"). */
export function regionFromZone(zone: string | undefined): string | undefined {
  const m = zone ? /^([a-z]{2}(?:-[a-z]+)+-\d+)/.exec(zone) : null;
  return m?.[1];
}

/** The zone segment of `aws:///us-east-1a/i-0abc` (A4), if any. */
export function zoneFromProviderId(providerID: string | undefined): string | undefined {
  const m = providerID ? /^aws:\/\/\/([^/]+)\/[^/]+$/.exec(providerID) : null;
  return m?.[1];
}

/** The most common region among the Nodes' zones. */
export function regionFromNodes(nodes: readonly k8s.Node[]): string | undefined {
  const votes = new Map<string, number>();
  for (const n of nodes) {
    const zone = n.metadata.labels?.[LABEL_ZONE] ?? n.metadata.labels?.[LABEL_ZONE_LEGACY] ?? zoneFromProviderId(n.spec?.providerID);
    const r = regionFromZone(zone);
    if (r) votes.set(r, (votes.get(r) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [r, c] of votes) if (!best || c > votes.get(best)!) best = r;
  return best;
}

export interface EksHints {
  clusterName?: string;
  region?: string;
}

/** `arn:aws:eks:us-east-1:123456789012:cluster/prod` → { region, clusterName }. */
export function eksFromArn(name: string | undefined): EksHints | undefined {
  const m = name ? /^arn:aws[a-z-]*:eks:([a-z0-9-]+):\d{12}:cluster\/(.+)$/.exec(name) : null;
  return m ? { region: m[1], clusterName: m[2] } : undefined;
}

/** `aws eks get-token --cluster-name X --region R` / `aws-iam-authenticator token -i X` arguments. */
export function eksFromExecArgs(args: readonly string[] | undefined): EksHints {
  const out: EksHints = {};
  for (let i = 0; i < (args?.length ?? 0); i++) {
    const [flag, inline] = args![i].split("=", 2);
    const value = inline ?? args![i + 1];
    if (flag === "--cluster-name" || flag === "--cluster-id" || flag === "-i") out.clusterName = value;
    if (flag === "--region") out.region = value;
  }
  return out;
}

export function regionFromEnv(env: Record<string, string | undefined>): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}
