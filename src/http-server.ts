import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import type { Env } from "./env.js";
import type { GitHub } from "./github/octokit.js";
import { coverageComponentsOf, postCoverageAfterUpload } from "./handlers/on-coverage-upload.js";
import { AuthThrottle } from "./http/auth-throttle.js";
import type { UploadedCoverage } from "./http/coverage-upload-route.js";
import { createRouter } from "./http/router.js";
import { createRoutes } from "./http/routes.js";
import { createWebhookIntake } from "./inbox/webhook-intake.js";
import { readTokenScope } from "./store/read-tokens.js";

/** The HTTP side of one process: the webhook intake first, then Shipshape's routes, else 404. */
export interface HttpServer {
  server: Server;
  /** Listens on `port` (0 = any free port) and `host` (undefined = all interfaces); resolves with the port. */
  listen(port: number, host: string | undefined): Promise<number>;
  /** Stops accepting and closes idle connections; resolves once the open requests are answered. */
  close(): Promise<void>;
}

/** Builds the HTTP server; deliveries the intake stores are announced through `onStored`. */
export function createHttpServer(params: { deps: AppDeps; probot: Probot; secret: string; server: Pick<Env["server"], "webhookPath">; onStored: () => void }): HttpServer {
  const { deps, probot } = params;
  const intake = createWebhookIntake({
    path: params.server.webhookPath,
    secret: params.secret,
    db: deps.db,
    telemetry: deps.telemetry,
    now: deps.now,
    budget: deps.memory.webhookBodies,
    onStored: params.onStored,
  });
  // The report is stored before this runs, and CI does not wait for GitHub: the check is posted in
  // the background; if that fails, the PR's next event judges the stored report.
  const postCoverage = postCoverageAfterUpload({ deps, auth: async (id) => (await probot.auth(id)) as GitHub });
  const afterCoverageUpload = async (upload: UploadedCoverage) => {
    void postCoverage(upload).catch((error: unknown) => probot.log.warn({ err: error }, "coverage uploaded; posting its check failed and waits for the PR's next event"));
  };
  const coverageComponents = coverageComponentsOf({ deps, auth: async (id) => (await probot.auth(id)) as GitHub });
  const throttle = new AuthThrottle();
  const router = createRouter({
    routes: createRoutes(deps, { afterCoverageUpload, coverageComponents, throttle }),
    apiToken: deps.settings.apiToken,
    readTokens: (token) => readTokenScope(deps.db, token),
    throttle,
    log: { debug: (message) => probot.log.debug(message) },
  });

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (await intake(req, res)) return;
        if (await router(req, res)) return;
        res.writeHead(404, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ error: "not found" }));
      } catch (error) {
        probot.log.error({ err: error }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ error: "internal error" }));
      }
    })();
  });
  server.requestTimeout = 60_000;

  return {
    server,
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      return closed;
    },
  };
}
