import { describe, expect, it } from "vitest";
import { BudgetBusyError, BudgetTooSmallError, ByteBudget, isBudgetBusy } from "../../src/lib/byte-budget.js";

describe("ByteBudget", () => {
  it("gives bytes while they fit, and takes them back once on release", () => {
    const budget = new ByteBudget("test", 100);
    const a = budget.tryTake(60)!;
    expect(budget.tryTake(41)).toBeNull();
    const b = budget.tryTake(40)!;
    expect(budget.used).toBe(100);
    a.release();
    a.release();
    expect(budget.used).toBe(40);
    expect(b.grow(60)).toBe(true);
    expect(b.grow(1)).toBe(false);
    expect(b.bytes).toBe(100);
    b.release();
    expect(budget.used).toBe(0);
  });

  it("refuses at once without a wait, and a need larger than the whole budget always", async () => {
    const budget = new ByteBudget("test", 100, 7);
    const held = budget.tryTake(100)!;
    const busy = await budget.take(1).catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(BudgetBusyError);
    expect((busy as BudgetBusyError).retryAfterSeconds).toBe(7);
    expect((busy as Error).message).toBe("the test memory budget is in use (1 bytes wanted); try again in 7 s");
    await expect(budget.take(101, 10_000)).rejects.toBeInstanceOf(BudgetTooSmallError);
    held.release();
  });

  it("serves waiters first come, first served, so a large need is not starved by small ones", async () => {
    const budget = new ByteBudget("test", 100);
    const held = budget.tryTake(90)!;
    const order: string[] = [];
    const large = budget.take(80, 10_000).then((lease) => (order.push("large"), lease));
    const small = budget.take(10, 10_000).then((lease) => (order.push("small"), lease));
    // A newcomer does not jump the queue even though 10 bytes are free.
    expect(budget.tryTake(10)).toBeNull();
    held.release();
    const [l, s] = await Promise.all([large, small]);
    expect(order).toEqual(["large", "small"]);
    expect(budget.used).toBe(90);
    l.release();
    s.release();
  });

  it("gives up a wait after its time with BudgetBusyError, and the queue moves on", async () => {
    const budget = new ByteBudget("test", 100);
    const held = budget.tryTake(50)!;
    const tooLong = budget.take(60, 20);
    const fits = budget.take(40, 10_000);
    await expect(tooLong).rejects.toBeInstanceOf(BudgetBusyError);
    (await fits).release();
    held.release();
    expect(budget.used).toBe(0);
  });

  it("recognises a busy budget inside Probot's AggregateError", () => {
    const busy = new ByteBudget("test", 1).busy(2);
    expect(isBudgetBusy(new AggregateError([new Error("x"), busy]))).toBe(true);
    expect(isBudgetBusy(new AggregateError([new Error("x")]))).toBe(false);
  });
});
