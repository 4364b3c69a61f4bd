import type { ObjectMeta } from "./kubernetes";

/**
 * Ingress-side objects (networking.k8s.io/v1 Ingress and IngressClass; the AWS Load Balancer Controller's
 * `elbv2.k8s.aws/v1beta1` and EKS Auto Mode's `eks.amazonaws.com/v1` IngressClassParams), trimmed to the fields
 * the ALB analysis reads. Field names are the API's; everything is untrusted text.
 */

export interface ServiceBackendPort {
  number?: number;
  name?: string;
}

export interface IngressBackend {
  service?: { name: string; port?: ServiceBackendPort };
  /** A non-Service backend (rare for ALB); kept so a rule that names one is not silently read as "no backend". */
  resource?: { apiGroup?: string; kind: string; name: string };
}

export interface HTTPIngressPath {
  path?: string;
  pathType?: "Exact" | "Prefix" | "ImplementationSpecific";
  backend: IngressBackend;
}

export interface IngressRule {
  host?: string;
  http?: { paths: HTTPIngressPath[] };
}

export interface Ingress {
  metadata: ObjectMeta & { namespace: string };
  spec: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: IngressRule[];
    tls?: { hosts?: string[] }[];
  };
  status?: { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } };
}

export interface IngressClass {
  metadata: ObjectMeta;
  spec: {
    controller?: string;
    parameters?: { apiGroup?: string; kind: string; name: string; namespace?: string; scope?: string };
  };
}

/** Both IngressClassParams kinds; `apiVersion` says which controller's it is. */
export interface IngressClassParams {
  apiVersion: "elbv2.k8s.aws/v1beta1" | "eks.amazonaws.com/v1";
  metadata: ObjectMeta;
  spec: {
    group?: { name: string };
    scheme?: string;
    ipAddressType?: string;
    /** LBC: instance | ip. */
    targetType?: string;
    /** LBC: `certificateArn`; Auto Mode: `certificateARNs`. Kept as the API names them. */
    certificateArn?: string[];
    certificateARNs?: string[];
    loadBalancerAttributes?: { key: string; value: string }[];
  };
}

/** Annotations the ALB analysis reads (IngressGroups, target type, health check, actions, conditions). */
export const ALB_ANNOTATION_PREFIX = "alb.ingress.kubernetes.io/";
export const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";
