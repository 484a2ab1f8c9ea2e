import { describe, expect, it } from "vitest";
import type { PermissionCode } from "../../api/types";
import { invoiceActions, paymentActions, planActions, plansOpen, tookEffect } from "./status";

const granting = (...codes: PermissionCode[]) => (code: PermissionCode | undefined) => code === undefined || codes.includes(code);
const rep = granting("payments:create", "payments:update", "invoices:create", "invoices:update");
const manager = granting("payments:create", "payments:update", "payments:delete", "invoices:create", "invoices:update", "invoices:delete");

describe("what a money record offers", () => {
  it("takes payments and invoices only on a contract that took effect, and plans on any but a void one", () => {
    expect(["active", "completed", "terminated"].map((status) => tookEffect({ status: status as "active" }))).toEqual([true, true, true]);
    expect(tookEffect({ status: "draft" })).toBe(false);
    expect(tookEffect(undefined)).toBe(false);
    expect(plansOpen({ status: "draft" })).toBe(true);
    expect(plansOpen({ status: "void" })).toBe(false);
  });

  it("lets a draft payment be edited, submitted and (by a manager) deleted; a submitted one is read-only", () => {
    expect(paymentActions({ status: "draft" }, rep)).toEqual(["edit", "submit"]);
    expect(paymentActions({ status: "draft" }, manager)).toEqual(["edit", "submit", "delete"]);
    expect(paymentActions({ status: "pending" }, manager)).toEqual([]);
    expect(paymentActions({ status: "confirmed" }, manager)).toEqual([]);
  });

  it("voids an issued invoice, and a draft for those who may not delete it", () => {
    expect(invoiceActions({ status: "draft" }, manager)).toEqual(["edit", "submit", "delete"]);
    expect(invoiceActions({ status: "draft" }, rep)).toEqual(["edit", "submit", "void"]);
    expect(invoiceActions({ status: "issued" }, rep)).toEqual(["void"]);
    expect(invoiceActions({ status: "pending" }, manager)).toEqual([]);
    expect(invoiceActions({ status: "void" }, manager)).toEqual([]);
    expect(invoiceActions({ status: "issued" }, granting("invoices:read"))).toEqual([]);
  });

  it("records a payment against an open instalment of a contract in force; deletes one that received nothing", () => {
    const active = { status: "active" as const };
    expect(planActions({ status: "pending", received_amount: "0.00" }, active, manager)).toEqual(["receive", "edit", "delete"]);
    expect(planActions({ status: "partial", received_amount: "100.00" }, active, manager)).toEqual(["receive", "edit"]);
    expect(planActions({ status: "paid", received_amount: "75000.00" }, active, rep)).toEqual(["edit"]);
    expect(planActions({ status: "pending", received_amount: "0.00" }, { status: "draft" }, manager)).toEqual(["edit", "delete"]);
    expect(planActions({ status: "pending", received_amount: "0.00" }, { status: "void" }, manager)).toEqual([]);
  });
});
