import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { recordRedeliveryRequest, requestedRedeliveries } from "../../src/store/redelivery-requests.js";
import { stores } from "../helpers/stores.js";

describe.each(stores)("redelivery requests on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it("requestedRedeliveries: the asked-about guids already requested; none asked is none", async () => {
    await recordRedeliveryRequest(db, { hookDeliveryId: 1, guid: "g-1", at: 10 });
    await recordRedeliveryRequest(db, { hookDeliveryId: 2, guid: "g-2", at: 11 });
    expect(await requestedRedeliveries(db, ["g-1", "g-3"])).toEqual(new Set(["g-1"]));
    expect(await requestedRedeliveries(db, [])).toEqual(new Set());
  });

  it("recordRedeliveryRequest: a second request for one delivery attempt keeps the first", async () => {
    await recordRedeliveryRequest(db, { hookDeliveryId: 1, guid: "g-1", at: 10 });
    await recordRedeliveryRequest(db, { hookDeliveryId: 1, guid: "g-1", at: 20 });
    expect(await db.kysely.selectFrom("redelivery_requests").selectAll().execute()).toEqual([{ hook_delivery_id: 1, delivery_guid: "g-1", requested_at: 10 }]);
  });
});
