/** A labelled <select> whose empty value means "all". */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  name,
}: {
  label: string;
  name: string;
  value: string;
  options: readonly (string | [value: string, text: string])[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
      {label}
      <select
        aria-label={label}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="mt-0.5 rounded border border-slate-300 bg-white px-1.5 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        <option value="">all</option>
        {options.map((o) => {
          const [v, t] = typeof o === "string" ? [o, o] : o;
          return (
            <option key={v} value={v}>
              {t}
            </option>
          );
        })}
        {value && !options.some((o) => (typeof o === "string" ? o : o[0]) === value) ? <option value={value}>{value}</option> : null}
      </select>
    </label>
  );
}
