import { describe, expect, it } from "vitest";
import { companyBody } from "./companyApi";

describe("companyBody", () => {
  it("trims the fields and sends blanks as null", () => {
    expect(companyBody({ name: " 云帆 ", phone: "", email: undefined })).toEqual({
      name: "云帆",
      address: null,
      phone: null,
      email: null,
      website: null,
      tax_number: null,
      bank_name: null,
      bank_account: null,
    });
  });
});
