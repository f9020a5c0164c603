// Baseline: the smallest Fastify server, to compare the API's liveness route against.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/hello", async () => ({ status: "ok" }));
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT) });
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
