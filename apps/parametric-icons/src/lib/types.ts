import type { Asset, CreateIconBody } from "@parametric-portal/contracts/icons";

/**
 * Web-only names for parts of the contract's shapes that the app passes around on their own. Every
 * wire shape itself comes from @parametric-portal/contracts, imported with `import type` so the
 * schema library never reaches the bundle.
 */

export type ColorMode = Asset["colorMode"];
export type Intent = Asset["intent"];
/** What the user picks: "auto" lets the server choose between the local engine and Claude. */
export type Engine = NonNullable<CreateIconBody["engine"]>;
export type Attachment = NonNullable<CreateIconBody["attachments"]>[number];

export interface IconPage {
  readonly items: readonly Asset[];
  readonly nextCursor: string | null;
}

/**
 * What the progress line shows: the server's stages (ProgressEvent) as read off the stream, plus
 * the app's own "sending" before the first event arrives.
 */
export interface GenerateProgress {
  readonly stage: string;
  readonly message: string;
  readonly variantsReceived?: number;
}
