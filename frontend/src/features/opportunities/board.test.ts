import { describe, expect, it } from "vitest";
import { appendPage, columnCards } from "./board";

const a = { id: "a", stage_id: "s1" };
const b = { id: "b", stage_id: "s1" };
const c = { id: "c", stage_id: "s2" };

describe("board columns", () => {
  it("shows a dropped card in the column it was dropped on, and not in its own", () => {
    const all = [a, b, c];
    expect(columnCards("s1", [a, b], all, { a: "s2" }).map((o) => o.id)).toEqual(["b"]);
    expect(columnCards("s2", [c], all, { a: "s2" }).map((o) => o.id)).toEqual(["c", "a"]);
  });

  it("puts a card back where the server has it once its move is forgotten", () => {
    expect(columnCards("s1", [a, b], [a, b, c], {}).map((o) => o.id)).toEqual(["a", "b"]);
  });

  it("appends a further page without the cards already shown", () => {
    const d = { id: "d", stage_id: "s1" };
    expect(appendPage([a], [b], [b, d]).map((o) => o.id)).toEqual(["b", "d"]);
  });
});
