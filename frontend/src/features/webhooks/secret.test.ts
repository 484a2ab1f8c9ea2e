import { describe, expect, it } from "vitest";
import { generateSecret, SECRET_LENGTH, SECRET_MAX, SECRET_MIN } from "./secret";

describe("generated signing secrets", () => {
  it("are 32 letters and digits the server takes (16 to 200 characters)", () => {
    const secret = generateSecret();
    expect(secret).toHaveLength(SECRET_LENGTH);
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(SECRET_LENGTH).toBeGreaterThanOrEqual(SECRET_MIN);
    expect(SECRET_LENGTH).toBeLessThanOrEqual(SECRET_MAX);
  });

  it("differ every time", () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateSecret()));
    expect(secrets.size).toBe(50);
  });

  it("come from crypto.getRandomValues", () => {
    const original = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    let calls = 0;
    const spy = <T extends ArrayBufferView | null>(array: T): T => {
      calls += 1;
      return original(array as never) as T;
    };
    const crypto = globalThis.crypto as { getRandomValues: typeof spy };
    const before = crypto.getRandomValues;
    crypto.getRandomValues = spy;
    try {
      expect(generateSecret()).toHaveLength(32);
      expect(calls).toBeGreaterThan(0);
    } finally {
      crypto.getRandomValues = before;
    }
  });

  it("map bytes to characters evenly: bytes past the last whole alphabet are skipped", () => {
    // 248 is 4 × 62: from there on a byte would favour the alphabet's first characters.
    const bytes = [255, 248, 0, 61, 62, 247];
    const fill = (array: Uint8Array) => {
      array.set(bytes.slice(0, array.length));
      return array;
    };
    expect(generateSecret(4, fill)).toBe("A9A9");
  });

  it("ask for more random bytes until the secret is long enough", () => {
    let round = 0;
    const fill = (array: Uint8Array) => {
      round += 1;
      // The first batch is all unusable.
      array.fill(round === 1 ? 250 : 1);
      return array;
    };
    expect(generateSecret(5, fill)).toBe("BBBBB");
    expect(round).toBe(2);
  });
});
