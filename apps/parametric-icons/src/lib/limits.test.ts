import {
  ApiKeyItem,
  CreateApiKeyBody,
  type MeResponse,
  type ProvidersResponse,
} from "@parametric-portal/contracts/auth";
import { type Asset, ICON_LIMITS } from "@parametric-portal/contracts/icons";
import { describe, expect, expectTypeOf, it } from "vitest";
import { LIMITS } from "./limits";
import type { ApiKey, ProvidersResponse as ClientProviders, Icon, SessionResponse } from "./types";

describe("the web app's view of the API contract", () => {
  it("uses the same limits as the API", () => {
    expect({
      promptMaxLength: ICON_LIMITS.promptMaxLength,
      maxVariants: ICON_LIMITS.maxVariants,
      maxAttachments: ICON_LIMITS.maxAttachments,
      svgMaxBytes: ICON_LIMITS.svgMaxBytes,
      attachmentNameMaxLength: ICON_LIMITS.attachmentNameMaxLength,
      searchMaxLength: ICON_LIMITS.searchMaxLength,
      apiKeyNameMaxLength: CreateApiKeyBody.properties.name.maxLength,
    }).toEqual(LIMITS);
  });

  it("accepts every response shape the API can send (checked by the type checker)", () => {
    expectTypeOf<Asset>().toExtend<Icon>();
    expectTypeOf<MeResponse>().toExtend<SessionResponse>();
    expectTypeOf<ProvidersResponse>().toExtend<ClientProviders>();
    expectTypeOf<typeof ApiKeyItem.static>().toExtend<ApiKey>();
    expect(ApiKeyItem.required).toContain("hint");
  });
});
