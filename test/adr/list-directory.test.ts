import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { MAX_DIRECTORY_ENTRIES, listDirectory, type DirectoryListing } from "../../src/github/list-directory.js";
import { BoundedCache } from "../../src/lib/bounded-cache.js";

// As `createCaches` makes it (least recently used first), with a size of our choosing.
const createDirectoryCache = (maxEntries = 1000) => new BoundedCache<DirectoryListing>({ maxEntries, lru: true });

const API = "https://api.github.com";
const octokit = () => new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } });
const item = (name: string) => ({ name, path: `docs/adr/${name}`, type: "file", sha: `sha-${name}`, size: 1 });
const params = (cache = createDirectoryCache()) => ({ octokit: octokit(), owner: "acme", repo: "app", path: "docs/adr", ref: "main", cache });
const LISTING = /^\/repos\/acme\/app\/contents\/docs(\/|%2F)adr\?ref=main$/;

describe("listDirectory: conditional on the cached ETag", () => {
  it("sends If-None-Match after the first read and reuses the listing on 304", async () => {
    const cache = createDirectoryCache();
    nock(API, { badheaders: ["if-none-match"] }).get(LISTING).reply(200, [item("0001-a.md")], { etag: 'W/"v1"' });
    expect(await listDirectory(params(cache))).toEqual([{ name: "0001-a.md", path: "docs/adr/0001-a.md", type: "file", sha: "sha-0001-a.md" }]);

    nock(API, { reqheaders: { "if-none-match": 'W/"v1"' } }).get(LISTING).reply(304, "");
    expect((await listDirectory(params(cache)))?.map((entry) => entry.name)).toEqual(["0001-a.md"]);

    nock(API, { reqheaders: { "if-none-match": 'W/"v1"' } }).get(LISTING).reply(200, [item("0001-a.md"), item("0002-b.md")], { etag: 'W/"v2"' });
    expect((await listDirectory(params(cache)))?.map((entry) => entry.name)).toEqual(["0001-a.md", "0002-b.md"]);

    nock(API, { reqheaders: { "if-none-match": 'W/"v2"' } }).get(LISTING).reply(304, "");
    expect((await listDirectory(params(cache)))?.map((entry) => entry.name)).toEqual(["0001-a.md", "0002-b.md"]);
    expect(nock.isDone()).toBe(true);
  });

  it("keys the cache by ref: another branch is read unconditionally", async () => {
    const cache = createDirectoryCache();
    nock(API).get(LISTING).reply(200, [item("0001-a.md")], { etag: '"v1"' });
    await listDirectory(params(cache));
    nock(API, { badheaders: ["if-none-match"] }).get(/contents\/docs(\/|%2F)adr\?ref=release$/).reply(200, [], { etag: '"r1"' });
    expect(await listDirectory({ ...params(cache), ref: "release" })).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it("answers null for a missing directory or a file, and throws other errors", async () => {
    nock(API).get(LISTING).reply(404, { message: "Not Found" });
    expect(await listDirectory(params())).toBeNull();
    nock(API).get(LISTING).reply(200, item("adr"), { etag: '"f"' });
    expect(await listDirectory(params())).toBeNull();
    nock(API).get(LISTING).reply(500, { message: "boom" });
    await expect(listDirectory(params())).rejects.toMatchObject({ status: 500 });
  });

  it("keeps at most 1,000 entries of a listing, as GitHub lists", async () => {
    nock(API).get(LISTING).reply(200, Array.from({ length: 1500 }, (_, i) => item(`${String(i).padStart(4, "0")}-x.md`)), { etag: '"big"' });
    const entries = await listDirectory(params());
    expect(entries).toHaveLength(MAX_DIRECTORY_ENTRIES);
    expect(entries?.at(-1)?.name).toBe("0999-x.md");
  });

  it("forgets the least recently used listing past its size", () => {
    const cache = createDirectoryCache(2);
    cache.set("a", { etag: "1", entries: [] });
    cache.set("b", { etag: "2", entries: [] });
    cache.get("a");
    cache.set("c", { etag: "3", entries: [] });
    expect([cache.get("a")?.etag, cache.get("b")?.etag, cache.get("c")?.etag]).toEqual(["1", undefined, "3"]);
  });
});
