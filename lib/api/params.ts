import { z } from "zod";

/**
 * Route parameters, validated before anything touches a source. Kubernetes namespaces and Service names
 * are DNS-1123 labels (RFC 1123: ≤ 63 chars, lower-case alphanumerics and '-', alphanumeric at both ends).
 * Cluster names are kubeconfig context names (e.g. an EKS ARN), so they allow a wider but still safe set.
 */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const KubeName = z
  .string()
  .max(63, "must be at most 63 characters")
  .regex(DNS1123_LABEL, "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit");

export const ClusterName = z
  .string()
  .min(1, "must not be empty")
  .max(253, "must be at most 253 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/+-]*$/, "may contain only letters, digits and . _ : @ / + -");

export const ClusterParams = z.object({ cluster: ClusterName });
export const ServiceParams = z.object({ cluster: ClusterName, namespace: KubeName, name: KubeName });
export type ServiceParams = z.infer<typeof ServiceParams>;
/** Ingress and Gateway names are DNS-1123 subdomains (≤ 253 characters, dots allowed). */
export const KubeObjectName = z
  .string()
  .max(253, "must be at most 253 characters")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
export const ObjectParams = z.object({ cluster: ClusterName, namespace: KubeName, name: KubeObjectName });
export type ObjectParams = z.infer<typeof ObjectParams>;

/** "namespace: must be a DNS-1123 label …" — names the bad field. */
export function describeParamError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}
