import { Progress } from "@/components/ui/Spinner";

export default function Loading() {
  return (
    <div className="space-y-4" data-testid="loading-state" aria-busy="true">
      <div className="h-7 w-80 rounded bg-slate-200 dark:bg-slate-800" aria-hidden="true" />
      <Progress value={0} max={2} label="Opening the service page…" />
    </div>
  );
}
