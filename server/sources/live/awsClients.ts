import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ElasticLoadBalancingClient } from "@aws-sdk/client-elastic-load-balancing";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";

export interface AwsClients {
  elbv2: ElasticLoadBalancingV2Client;
  elb: ElasticLoadBalancingClient;
  /** CloudWatch (GetMetricData only, issue 12). Absent: metrics are not read. */
  cloudwatch?: CloudWatchClient;
  region?: string;
}

/**
 * The real SDK clients, constructed with the region only: endpoint (AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2,
 * AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING, AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL), credentials (default chain, profiles, IRSA), retries
 * (AWS_MAX_ATTEMPTS; mode adaptive unless AWS_RETRY_MODE is set) all come from the SDK's own settings. Timeouts are per call (abortSignal), see readAws.ts.
 * Without a region the SDK's own chain (e.g. the profile's region) still gets a chance.
 */
export function makeAwsClients(region?: string, env: Record<string, string | undefined> = process.env): AwsClients {
  // Adaptive retry (unless AWS_RETRY_MODE says otherwise): after a throttling error the client also paces its own
  // sends, on top of the call budget and the breaker (issue 5: throttling without retry storms).
  const config = { ...(region ? { region } : {}), retryMode: env.AWS_RETRY_MODE || "adaptive" };
  return { elbv2: new ElasticLoadBalancingV2Client(config), elb: new ElasticLoadBalancingClient(config), cloudwatch: new CloudWatchClient(config), region };
}

export function destroyAwsClients(c: AwsClients): void {
  c.elbv2.destroy();
  c.elb.destroy();
  c.cloudwatch?.destroy();
}
