import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ElasticLoadBalancingClient } from "@aws-sdk/client-elastic-load-balancing";

export interface AwsClients {
  elbv2: ElasticLoadBalancingV2Client;
  elb: ElasticLoadBalancingClient;
  region?: string;
}

/**
 * The real SDK clients, constructed with the region only: endpoint (AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2,
 * AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING, AWS_ENDPOINT_URL), credentials (default chain, profiles, IRSA), retries
 * (AWS_MAX_ATTEMPTS) all come from the SDK's own settings. Timeouts are per call (abortSignal), see readAws.ts.
 * Without a region the SDK's own chain (e.g. the profile's region) still gets a chance.
 */
export function makeAwsClients(region?: string): AwsClients {
  const config = region ? { region } : {};
  return { elbv2: new ElasticLoadBalancingV2Client(config), elb: new ElasticLoadBalancingClient(config), region };
}

export function destroyAwsClients(c: AwsClients): void {
  c.elbv2.destroy();
  c.elb.destroy();
}
