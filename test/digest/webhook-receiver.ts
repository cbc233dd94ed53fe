import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** A local incoming-webhook endpoint: records each POST and answers with the next scripted status (200 after the script). */
export async function startReceiver(statuses: number[] = []) {
  const posts: ReceivedPost[] = [];
  const script = [...statuses];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      posts.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      const status = script.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "no_service");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
