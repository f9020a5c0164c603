import { ApiKeyItem, type MeResponse, type ProvidersResponse } from "@parametric-portal/contracts/auth";
import type { Asset, IconSummary } from "@parametric-portal/contracts/icons";
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  ApiKey,
  ProvidersResponse as ClientProviders,
  Icon,
  IconSummary as ListItem,
  SessionResponse,
} from "./types";

describe("the web app's view of the API contract", () => {
  it("accepts every response shape the API can send (checked by the type checker)", () => {
    expectTypeOf<Asset>().toExtend<Icon>();
    expectTypeOf<IconSummary>().toExtend<ListItem>();
    expectTypeOf<MeResponse>().toExtend<SessionResponse>();
    expectTypeOf<ProvidersResponse>().toExtend<ClientProviders>();
    expectTypeOf<typeof ApiKeyItem.static>().toExtend<ApiKey>();
    expect(ApiKeyItem.required).toContain("hint");
  });
});
