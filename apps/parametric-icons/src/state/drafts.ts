/** The unsent prompt survives reloads in localStorage; sign-out removes it (see useSignOut). */
const KEY = "parametric-icons.draft";

export const loadDraft = (): string => {
  try {
    return localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
};

export const saveDraft = (text: string): void => {
  try {
    if (text) localStorage.setItem(KEY, text);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage can be disabled (private mode); drafts are a convenience, not a requirement.
  }
};

export const clearDrafts = (): void => {
  try {
    for (const key of Object.keys(localStorage))
      if (key.startsWith("parametric-icons.")) localStorage.removeItem(key);
  } catch {
    // see saveDraft
  }
};
