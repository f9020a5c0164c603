import type { Variant } from "@parametric-portal/contracts/icons";

const SEVERITY: Record<string, string> = {
  error: "text-red-700 dark:text-red-300",
  warning: "text-amber-700 dark:text-amber-300",
};

/** The design-rule checker's verdict on the shown variant. */
export function FindingsList({ variant }: { variant: Variant | undefined }) {
  if (!variant) return null;
  return (
    <section aria-label="Design-rule findings" className="w-full max-w-[min(32rem,70dvh)] text-sm">
      <h2 className="font-semibold">
        Design rules: {variant.passed ? "passed" : "needs attention"} · score {variant.score}
        <span className="ml-2 text-xs font-normal text-zinc-600 dark:text-zinc-300">{variant.toolType}</span>
      </h2>
      {variant.findings.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-300">
          No findings: this variant follows every checked rule.
        </p>
      ) : (
        <ul className="mt-1 list-disc pl-5">
          {variant.findings.map((f) => (
            <li key={`${f.rule}:${f.message}`} className={SEVERITY[f.severity] ?? ""}>
              <span className="font-medium">{f.rule}</span> ({f.severity}): {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
