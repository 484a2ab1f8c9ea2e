import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import { readUploadAnswer, uploadBody } from "./upload";

const headers = new Headers({ "Content-Type": "application/problem+json" });

describe("uploadBody", () => {
  it("sends the destination fields before the file and leaves blank ones out", () => {
    const form = uploadBody({ file: new File(["hi"], "a.txt"), fields: { record_type: "customer", record_id: "c1", name: "", folder_id: null } });
    expect([...form.keys()]).toEqual(["record_type", "record_id", "file"]);
    expect((form.get("file") as File).name).toBe("a.txt");
  });

  it("names a plain blob by the given file name", () => {
    const form = uploadBody({ file: new Blob(["x"]), filename: "x.bin", fields: { space: "personal" } });
    expect(form.get("space")).toBe("personal");
    expect((form.get("file") as File).name).toBe("x.bin");
  });
});

describe("readUploadAnswer", () => {
  it("returns the created file on 201", () => {
    const file = readUploadAnswer({ status: 201, statusText: "Created", body: JSON.stringify({ id: "f1", name: "a.txt" }), headers: new Headers() });
    expect(file).toMatchObject({ id: "f1", name: "a.txt" });
  });

  it.each([
    [413, "file.too_large"],
    [413, "drive.quota_exceeded"],
    [403, "drive.read_only"],
  ])("maps %i %s to an ApiError carrying the code", (status, code) => {
    const body = JSON.stringify({ status, code, title: "refused", errors: [] });
    try {
      readUploadAnswer({ status, statusText: "", body, headers });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(status);
      expect((error as ApiError).problem.code).toBe(code);
    }
  });

  it("keeps the field errors of a 422", () => {
    const body = JSON.stringify({ status: 422, code: "validation.failed", errors: [{ field: "file", code: "empty", message: "the file is empty" }] });
    expect(() => readUploadAnswer({ status: 422, statusText: "", body, headers })).toThrow(ApiError);
    try {
      readUploadAnswer({ status: 422, statusText: "", body, headers });
    } catch (error) {
      expect((error as ApiError).problem.errors).toEqual([{ field: "file", code: "empty", message: "the file is empty" }]);
    }
  });

  it("reads a non-JSON error page as a problem with its status", () => {
    try {
      readUploadAnswer({ status: 502, statusText: "Bad Gateway", body: "<html>bad gateway</html>", headers: new Headers() });
      expect.unreachable();
    } catch (error) {
      expect((error as ApiError).status).toBe(502);
      expect((error as ApiError).problem.title).toBe("Bad Gateway");
    }
  });
});
