// Baseline: bare node:http + pg doing what GET /api/icons does per request — the session by
// token hash, looked up once and then kept for 30 s as the API's session cache keeps it, and the
// newest-first page of the user's light summaries — with nothing else.
import { createHash } from "node:crypto";
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({
  host: process.env.POSTGRES_HOST,
  port: Number(process.env.POSTGRES_PORT),
  database: process.env.POSTGRES_DB,
  user: process.env.POSTGRES_USER,
  max: 10,
});

const SESSION = `select u.id from sessions s join users u on u.id = s.user_id
  where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and s.absolute_expires_at > now()
  limit 1`;
// The light list the API reads (migration 0006's summary columns, never the TOASTed `variants`,
// created_at printed by PostgreSQL), so the comparison stays fair when the API's payload changes.
const PAGE = `select id, prompt, name, tool, tool_type, engine, intent, color_mode, kept_at is not null as kept,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at, created_at::text as created_at_text, lower(coalesce(name, prompt)) as name_key, parent_id,
  variant_count, thumbnail_svg from assets
  where user_id = $1 and deleted_at is null order by created_at desc, id desc limit 21`;

const sessions = new Map<string, { userId: string; until: number }>();

const server = http.createServer(async (request, response) => {
  if (request.url === "/ready") {
    response.writeHead(200).end("ok");
    return;
  }
  const token = /pp_session=([A-Za-z0-9_-]+)/.exec(request.headers.cookie ?? "")?.[1] ?? "";
  const hash = createHash("sha256").update(token).digest();
  const key = hash.toString("base64");
  const cached = sessions.get(key);
  let userId = cached !== undefined && cached.until > Date.now() ? cached.userId : undefined;
  if (userId === undefined) {
    const session = await pool.query<{ id: string }>(SESSION, [hash]);
    userId = session.rows[0]?.id;
    if (userId) sessions.set(key, { userId, until: Date.now() + 30_000 });
  }
  if (!userId) {
    response.writeHead(401, { "content-type": "application/json" }).end('{"code":"UNAUTHENTICATED"}');
    return;
  }
  const page = await pool.query(PAGE, [userId]);
  const items = page.rows.slice(0, 20);
  response
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify({ items, nextCursor: page.rows.length > 20 ? "next" : null }));
});
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
