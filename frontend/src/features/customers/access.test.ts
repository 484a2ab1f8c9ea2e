import { describe, expect, it } from "vitest";
import { blockedReason, editAccess, ownerSideAccess, transferAccess } from "./access";

const rep = { id: "me", data_scopes: ["self" as const] };
const manager = { id: "boss", data_scopes: ["department" as const] };
const admin = { id: "root", data_scopes: ["all" as const] };

describe("customer access", () => {
  it("lets the owner and the all scope edit and release", () => {
    expect(editAccess({ owner_id: "me" }, rep)).toBe("yes");
    expect(ownerSideAccess({ owner_id: "me" }, rep)).toBe("yes");
    expect(editAccess({ owner_id: null }, admin)).toBe("yes");
    expect(ownerSideAccess({ owner_id: "other" }, admin)).toBe("yes");
  });

  it("blocks a public customer for everyone but the all scope", () => {
    expect(editAccess({ owner_id: null }, rep)).toBe("no");
    expect(editAccess({ owner_id: null }, manager)).toBe("no");
    expect(blockedReason({ owner_id: null }, editAccess({ owner_id: null }, rep))).toBe("publicPool");
  });

  it("never lets a self-scope collaborator release, but leaves editing to the server", () => {
    expect(ownerSideAccess({ owner_id: "other" }, rep)).toBe("no");
    expect(blockedReason({ owner_id: "other" }, "no")).toBe("notOwner");
    expect(editAccess({ owner_id: "other" }, rep)).toBe("unknown");
  });

  it("leaves a department scope to the server", () => {
    expect(ownerSideAccess({ owner_id: "other" }, manager)).toBe("unknown");
    expect(blockedReason({ owner_id: "other" }, "unknown")).toBeUndefined();
  });

  it("allows nothing before the user is known", () => {
    expect(editAccess({ owner_id: "me" }, undefined)).toBe("no");
  });

  it("takes the server's word when the customer says its access: read narrows, edit allows", () => {
    // A read-only collaborator, a manager who may see more than change: the owner's side or not, no.
    expect(editAccess({ owner_id: "other", access: "read" }, rep)).toBe("no");
    expect(editAccess({ owner_id: "other", access: "read" }, manager)).toBe("no");
    expect(blockedReason({ owner_id: "other", access: "read" }, "no")).toBe("readOnly");
    // Even the owner, or the all scope, if the server says read.
    expect(editAccess({ owner_id: "me", access: "read" }, rep)).toBe("no");
    expect(editAccess({ owner_id: "other", access: "read" }, admin)).toBe("no");
    // A public customer says "claim it first", not "read only".
    expect(blockedReason({ owner_id: null, access: "read" }, editAccess({ owner_id: null, access: "read" }, rep))).toBe("publicPool");
    // Edit: an edit collaborator, a department manager: no longer left to the server's refusal.
    expect(editAccess({ owner_id: "other", access: "edit" }, rep)).toBe("yes");
    expect(editAccess({ owner_id: "other", access: "edit" }, manager)).toBe("yes");
    expect(blockedReason({ owner_id: "other", access: "edit" }, editAccess({ owner_id: "other", access: "edit" }, rep))).toBeUndefined();
    // Absent (a list row): the old reading.
    expect(editAccess({ owner_id: "other", access: undefined }, rep)).toBe("unknown");
    expect(editAccess({ owner_id: null, access: undefined }, rep)).toBe("no");
  });

  it("leaves transfer, a pool command, to its own rule whatever the access", () => {
    expect(transferAccess({ owner_id: "me" }, rep)).toBe("yes");
    expect(transferAccess({ owner_id: "other" }, rep)).toBe("unknown");
    expect(transferAccess({ owner_id: null }, rep)).toBe("no");
  });
});
