import type { Asset as Icon } from "@parametric-portal/contracts/icons";
import { Button } from "react-aria-components";
import { formatDate } from "../../lib/dates";
import { buttonSecondary } from "../ui";

// The API's engine ids, in the words the command bar uses.
const ENGINE_NAMES: Record<string, string> = { local: "Local parametric engine", anthropic: "Claude" };

/** Facts about the shown icon and the SVG source of the shown variant, as text (never as markup). */
export function InspectorPanel(props: {
  icon: Icon | null;
  variantIndex: number;
  onOpenParent: (parentId: string) => void;
}) {
  const { icon, variantIndex } = props;
  if (!icon)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-300">Open or generate an icon to inspect it.</p>
    );
  const variant = icon.variants[variantIndex];
  const rows: [string, string][] = [
    ["Prompt", icon.prompt],
    ["Intent", icon.intent === "refine" ? "Refine" : "Create"],
    ["Variants", String(icon.variants.length)],
    ["Icon palette", icon.colorMode === "light" ? "Light" : "Dark"],
    ["Engine", ENGINE_NAMES[icon.engine] ?? icon.engine],
    ["Created", formatDate(icon.createdAt)],
  ];
  if (variant?.rationale) rows.push(["Rationale", variant.rationale]);
  if (icon.understood?.length) rows.push(["Understood", icon.understood.join(", ")]);
  if (icon.notUnderstood?.length) rows.push(["Not understood", icon.notUnderstood.join(", ")]);
  return (
    <div className="flex flex-col gap-4 text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-300">{k}</dt>
            <dd className="break-words">{v}</dd>
          </div>
        ))}
      </dl>
      {icon.parentId && (
        <Button
          className={buttonSecondary}
          onPress={() => icon.parentId && props.onOpenParent(icon.parentId)}
        >
          Open the icon this was refined from
        </Button>
      )}
      {variant && (
        <section className="flex flex-col gap-1">
          {/* A read-only text area: the source is shown as text, focusable and scrollable, never parsed as markup. */}
          <label htmlFor="svg-source" className="font-semibold">
            SVG source · variant {variantIndex + 1}
          </label>
          <textarea
            id="svg-source"
            readOnly
            value={variant.svg}
            rows={14}
            spellCheck={false}
            className="w-full rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800"
          />
        </section>
      )}
    </div>
  );
}
