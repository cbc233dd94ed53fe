import nock from "nock";
import { afterEach } from "vitest";

// Tests never reach the internet: only servers the tests start on loopback are allowed.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});
