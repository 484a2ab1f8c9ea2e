import { describe, expect, it } from "vitest";
import { destination, driveParams, fileListQuery, folderListQuery, mayChangeIn, readDriveLocation } from "./driveLocation";

const FOLDER = "01936f5e-8a7b-7c3d-9e2f-0a1b2c3d4f01";
const PAGE = { page: 1, page_size: 10 };

describe("drive location in the URL", () => {
  it("defaults to the personal space and drops what it cannot read", () => {
    expect(readDriveLocation({})).toEqual({ view: "personal" });
    expect(readDriveLocation({ space: "nowhere", folder: "../x", q: "  " })).toEqual({ view: "personal" });
  });

  it("round-trips a place, leaving the default space out", () => {
    const place = { view: "company" as const, folder: FOLDER };
    expect(readDriveLocation(driveParams(place))).toEqual(place);
    expect(driveParams({ view: "personal" })).toEqual({ space: undefined, folder: undefined, q: undefined });
  });
});

describe("what the drive page asks for", () => {
  it("lists the top of a space", () => {
    expect(folderListQuery({ view: "department" })).toMatchObject({ space: "department", parent_id: "root" });
    expect(fileListQuery({ view: "department" }, PAGE)).toMatchObject({ space: "department", folder_id: "root", page: 1, page_size: 10, sort: "name" });
  });

  it("lists a folder by its id alone (its space follows it)", () => {
    expect(folderListQuery({ view: "shared", folder: FOLDER })).toEqual({ parent_id: FOLDER, page: 1, page_size: 200, sort: "name" });
    expect(fileListQuery({ view: "personal", folder: FOLDER }, PAGE)).toMatchObject({ folder_id: FOLDER });
  });

  it("lists what is shared with the user, and searches a whole space", () => {
    expect(fileListQuery({ view: "shared" }, PAGE)).toMatchObject({ shared: true });
    expect(fileListQuery({ view: "shared" }, PAGE)).not.toHaveProperty("folder_id");
    expect(fileListQuery({ view: "company", folder: FOLDER, q: "报价" }, PAGE)).toMatchObject({ space: "company", q: "报价" });
    expect(fileListQuery({ view: "company", q: "报价" }, PAGE)).not.toHaveProperty("folder_id");
  });

  it("uploads into the folder shown, else the top of the space, never to the top of shared", () => {
    expect(destination({ view: "personal", folder: FOLDER })).toEqual({ folder_id: FOLDER });
    expect(destination({ view: "company" })).toEqual({ space: "company" });
    expect(destination({ view: "shared" })).toBeNull();
    expect(destination({ view: "shared", folder: FOLDER })).toEqual({ folder_id: FOLDER });
  });

  it("lets only managers change the company space", () => {
    expect(mayChangeIn("company", () => false)).toBe(false);
    expect(mayChangeIn("company", () => true)).toBe(true);
    expect(mayChangeIn("personal", () => false)).toBe(true);
  });
});
