/**
 * What the real APIs would refuse: Kubernetes object names, label and annotation keys/values
 * (apimachinery validation), and ELB tags (Tag pattern and lengths, W1/W2).
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ELB_TAG = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/** Label and annotation keys: optional DNS-subdomain prefix + "/" + name of ≤ 63 characters. */
export function isQualifiedKey(k: string): boolean {
  const i = k.lastIndexOf("/");
  const prefix = i >= 0 ? k.slice(0, i) : undefined;
  const name = i >= 0 ? k.slice(i + 1) : k;
  return (prefix === undefined || isDns1123Subdomain(prefix)) && name.length <= 63 && QUALIFIED_NAME.test(name);
}

export function isLabelValue(v: string): boolean {
  return v.length <= 63 && LABEL_VALUE.test(v);
}

/** Kubernetes caps the total size of all annotations of an object at 256 KiB. */
export function annotationsFit(a: Record<string, string>): boolean {
  return Object.entries(a).reduce((n, [k, v]) => n + k.length + v.length, 0) <= 256 * 1024;
}

export function isElbTag(k: string, v: string): boolean {
  return k.length >= 1 && k.length <= 128 && v.length <= 256 && ELB_TAG.test(k) && ELB_TAG.test(v);
}
