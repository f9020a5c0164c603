import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { API_URL } from "./api-url";
import "./styles.css";

const queryClient = new QueryClient();

function Readiness() {
  const q = useQuery({
    queryKey: ["readiness"],
    queryFn: async () => {
      const res = await fetch(`${API_URL}/health/readiness`, { credentials: "include" });
      return { status: res.status, body: await res.text() };
    },
  });
  return (
    <main className="p-6 font-sans">
      <h1 className="text-xl font-semibold">Parametric Icons</h1>
      <p>
        API {API_URL}:{" "}
        {q.isPending
          ? "checking…"
          : q.isError
            ? `unreachable (${q.error.message})`
            : `${q.data.status} ${q.data.body}`}
      </p>
    </main>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html must contain #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Readiness />
    </QueryClientProvider>
  </StrictMode>,
);
