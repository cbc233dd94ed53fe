import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/inbox/describe-failure.js";
import { deliverySubject } from "../../src/inbox/delivery-subject.js";
import { example } from "../helpers/examples.js";

describe("deliverySubject", () => {
  it.each([
    ["pull_request", "opened", { repo: "Codertocat/Hello-World", pr: 2 }],
    ["issue_comment", "created", { repo: "Codertocat/Hello-World" }],
    ["push", undefined, { repo: "Codertocat/Hello-World" }],
  ])("%s.%s", (event, action, expected) => {
    expect(deliverySubject(JSON.stringify(example(event, action)))).toEqual(expected);
  });

  it("names the PR of a comment on a pull request and of a check run", () => {
    expect(deliverySubject(JSON.stringify({ repository: { full_name: "acme/shop" }, issue: { number: 9, pull_request: { url: "x" } } }))).toEqual({ repo: "acme/shop", pr: 9 });
    expect(deliverySubject(JSON.stringify({ repository: { full_name: "acme/shop" }, check_run: { pull_requests: [{ number: 4 }] } }))).toEqual({ repo: "acme/shop", pr: 4 });
  });

  it("names nothing for a payload that does not parse", () => {
    expect(deliverySubject("{not json")).toEqual({});
    expect(deliverySubject("null")).toEqual({});
  });
});

describe("describeFailure", () => {
  it("names the GitHub request that failed, without its query string or the Enterprise API prefix", () => {
    const error = Object.assign(new Error("Not Found"), { status: 404, request: { method: "GET", url: "https://ghe.acme.test/api/v3/repos/acme/shop/pulls/7/files?per_page=100&page=2" } });
    expect(describeFailure(error)).toBe("Not Found (HTTP 404 from GET /repos/acme/shop/pulls/7/files)");
  });

  it("keeps errors that are not GitHub's as they are", () => {
    expect(describeFailure(Object.assign(new Error("Bad Gateway"), { status: 502 }))).toBe("Bad Gateway (HTTP 502)");
    expect(describeFailure(new AggregateError([new Error("a"), new Error("b")]))).toBe("a; b");
    expect(describeFailure("boom")).toBe("boom");
  });
});
