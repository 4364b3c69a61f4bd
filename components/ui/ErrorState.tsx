import type { ReactNode } from "react";

/** A designed error: what went wrong, why (message), what to do (fix), and a way on (actions). */
export function ErrorState({ title, message, fix, code, actions, testId = "error-state" }: { title: string; message: ReactNode; fix?: ReactNode; code?: string; actions?: ReactNode; testId?: string }) {
  return (
    <section role="alert" data-testid={testId} className="mx-auto my-8 max-w-2xl space-y-3 rounded-lg border border-red-300 bg-red-50 p-5 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50">
      <h1 className="text-lg font-semibold">
        <span aria-hidden="true">✕ </span>
        {title}
      </h1>
      <p className="text-sm">{message}</p>
      {fix ? (
        <p className="text-sm">
          <span className="font-semibold">What to do: </span>
          {fix}
        </p>
      ) : null}
      {code ? <p className="font-mono text-xs opacity-75">code {code}</p> : null}
      {actions ? <div className="flex flex-wrap gap-3 pt-1 text-sm">{actions}</div> : null}
    </section>
  );
}
