/** Shapes of the API's JSON (the contract shared with apps/api). */

export type ProviderId = "github" | "google" | "microsoft";
export type ColorMode = "dark" | "light";
export type Intent = "create" | "refine";
export type Engine = "auto" | "local" | "anthropic";

export interface Provider {
  readonly id: ProviderId;
  readonly name: string;
  readonly configured: boolean;
}

export interface ProvidersResponse {
  readonly providers: readonly Provider[];
  readonly devSignIn: boolean;
}

export interface User {
  readonly id: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly avatarUrl: string | null;
}

/** Which Anthropic key Claude would use: the user's own, the server's, or none (local engine only). */
export interface Engines {
  readonly anthropic: "user" | "server" | null;
}

/** The signed-in user as /auth/me describes them, with what their generations can use. */
export interface Me extends User {
  readonly engines: Engines;
}

export interface SessionResponse {
  readonly user: User;
  readonly csrfToken: string;
  readonly engines: Engines;
}

export interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
}

export interface Variant {
  readonly index: number;
  readonly svg: string;
  readonly toolType: string;
  readonly passed: boolean;
  readonly score: number;
  readonly findings: readonly Finding[];
  /** The model's short explanation (Claude engine only). */
  readonly rationale?: string;
  /** Local engine only: the tool, parameters and construction that drew it (live controls redraw from these). */
  readonly tool?: string;
  readonly params?: Readonly<Record<string, number>>;
  readonly construction?: string;
}

export interface Icon {
  readonly id: string;
  readonly prompt: string;
  readonly intent: Intent;
  readonly colorMode: ColorMode;
  readonly engine: string;
  readonly parentId: string | null;
  readonly createdAt: string;
  readonly understood?: readonly string[];
  readonly notUnderstood?: readonly string[];
  readonly variants: readonly Variant[];
}

export interface IconPage {
  readonly items: readonly Icon[];
  readonly nextCursor: string | null;
}

export interface Attachment {
  readonly name: string;
  readonly svg: string;
}

export interface GenerateRequest {
  readonly prompt: string;
  readonly intent: Intent;
  readonly parentId?: string;
  readonly referenceSvg?: string;
  readonly attachments?: readonly Attachment[];
  readonly colorMode: ColorMode;
  readonly variantCount: number;
  readonly engine?: Engine;
  /** Which variant of `parentId` a refinement starts from. */
  readonly parentVariant?: number;
  /** Exact parameter values (the live controls' Save). */
  readonly params?: Readonly<Record<string, number>>;
}

/** A parameter a refinement changed. */
export interface ParamChange {
  readonly key: string;
  readonly from: number;
  readonly to: number;
}

/** A finished generation: the stored icon and, for a local refinement, what it changed. */
export interface Generated {
  readonly icon: Icon;
  readonly changes?: readonly ParamChange[];
}

export interface GenerateProgress {
  readonly stage: string;
  readonly message: string;
  readonly variantsReceived?: number;
}

export interface ApiKey {
  readonly id: string;
  readonly provider: string;
  readonly name: string;
  readonly hint: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** What Anthropic said about a key when it was saved (returned by the save only, not stored). */
export interface ApiKeyCheck {
  readonly check: "valid" | "refused" | "could_not_check";
  readonly checkedAt: string;
  readonly checkReason: string;
}

export interface SavedApiKey extends ApiKeyCheck {
  readonly key: ApiKey;
}
