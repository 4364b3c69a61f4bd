import type { ConfigurationView } from "@/lib/api/topology";

/**
 * The AWS Load Balancer Controller's configuration objects that apply to a Gateway (GW-4): where to change the
 * load balancer's or a target group's settings. All names are cluster text, rendered as text.
 */
export function ConfigurationList({ items }: { items: ConfigurationView[] }) {
  return (
    <details className="text-xs text-slate-700 dark:text-slate-300" data-testid="gateway-configurations" open>
      <summary className="cursor-pointer font-semibold">Controller configuration ({items.length})</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {items.map((c) => (
          <li key={`${c.kind}/${c.namespace}/${c.name}/${c.role}`} data-testid="gateway-configuration" data-found={c.found}>
            <span className="font-mono">
              {c.kind} {c.namespace}/{c.name}
            </span>
            : {c.role}
            {c.found ? "" : <span className="font-semibold text-amber-800 dark:text-amber-300"> — referenced, but not found</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
