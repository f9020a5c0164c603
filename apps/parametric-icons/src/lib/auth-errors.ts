/** What to tell the user for each `?authError=` code the API sends back after an OAuth attempt. */
const MESSAGES: Record<string, string> = {
  state_missing:
    "The sign-in could not be matched to this browser (cookies blocked?). Allow cookies and try again.",
  state_invalid: "The sign-in link was already used or is not from this browser. Start the sign-in again.",
  state_expired: "The sign-in took too long and expired. Start it again.",
  access_denied: "Sign-in was cancelled at the provider. Try again when you are ready.",
  consent_required: "The provider needs your consent. Try again and approve access.",
  login_required: "Sign in at the provider first, then try again.",
  interaction_required: "The provider needs you to confirm something. Try again.",
  provider_error: "The provider reported an error. Try again, or use another provider.",
  provider_unreachable: "The provider could not be reached. Try again in a moment.",
  token_invalid: "The provider's answer could not be verified. Try again.",
  profile_unavailable:
    "The provider did not share a verified email address. Verify your email there, or use another provider.",
  server_error: "Something went wrong on our side while signing you in. Try again in a moment.",
};

export const authErrorMessage = (code: string): string =>
  MESSAGES[code] ?? `Sign-in failed (${code}). Try again or choose another provider.`;
