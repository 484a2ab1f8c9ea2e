import { describe, expect, it } from "vitest";
import { blockedReason, editAccess, ownerSideAccess } from "./access";

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
});
