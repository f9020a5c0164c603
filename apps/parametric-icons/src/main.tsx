import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { API_URL } from "./api-url";
import { App } from "./components/app";
import { loopbackRedirect } from "./lib/loopback";
import { createQueryClient } from "./state/query-client";
import { ToastProvider } from "./state/toasts";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html must contain #root");
const redirect = loopbackRedirect(window.location.href, API_URL);
if (redirect) {
  window.location.replace(redirect);
} else {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <ToastProvider>
          <App />
        </ToastProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
