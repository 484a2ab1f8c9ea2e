// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { stubMatchMedia } from "../testing/jsdom";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App as AntApp, Form, Input } from "antd";
import "../../i18n";
import { ApiError, parseProblem } from "../../api/problem";
import { ResourceFormDrawer } from "./ResourceFormDrawer";
import { staleServerErrors } from "./serverFieldErrors";

// antd reads media queries; jsdom has none.
beforeAll(stubMatchMedia);

afterEach(cleanup);

const refused = new ApiError(
  422,
  parseProblem({ title: "Unprocessable", status: 422, errors: [{ field: "name", code: "reserved", message: "name is taken" }] }, { status: 422 }),
);

type Values = { name?: string; city?: string };

function renderDrawer(onSubmit: (values: Values) => Promise<unknown>, onClose = vi.fn()) {
  render(
    <AntApp>
      <ResourceFormDrawer<Values> open title="New" onClose={onClose} initialValues={{ name: "Acme", city: "杭州" }} onSubmit={onSubmit} successMessage="Saved" saveTestId="save">
        {/* No client-side rules: only the server's verdict can put an error here. */}
        <Form.Item name="name" label="Name">
          <Input data-testid="name" />
        </Form.Item>
        <Form.Item name="city" label="City">
          <Input data-testid="city" />
        </Form.Item>
      </ResourceFormDrawer>
    </AntApp>,
  );
  return onClose;
}

describe("server field errors", () => {
  it("picks the errors on the edited fields, by their top-level name", () => {
    expect(staleServerErrors([["name"], ["items", 0, "price"], ["city"]], { items: [] })).toEqual([["items", 0, "price"]]);
    expect(staleServerErrors([["name"]], { city: "x" })).toEqual([]);
  });
});

describe("ResourceFormDrawer", () => {
  it("fills the form, shows a refused save's field error on the field, and clears it when the field is edited", async () => {
    const onSubmit = vi.fn(() => Promise.reject(refused));
    const onClose = renderDrawer(onSubmit);
    expect((screen.getByTestId("name") as HTMLInputElement).value).toBe("Acme");

    fireEvent.click(screen.getByTestId("save"));
    expect(await screen.findByText("name is taken")).toBeTruthy();
    expect(onSubmit).toHaveBeenCalledWith({ name: "Acme", city: "杭州" });
    expect(onClose).not.toHaveBeenCalled();

    // Editing another field leaves the error; editing the field itself takes it away.
    fireEvent.change(screen.getByTestId("city"), { target: { value: "宁波" } });
    expect(screen.queryByText("name is taken")).toBeTruthy();
    fireEvent.change(screen.getByTestId("name"), { target: { value: "Acme Ltd" } });
    await waitFor(() => expect(screen.queryByText("name is taken")).toBeNull());
  });

  it("closes after a successful save", async () => {
    const onClose = renderDrawer(() => Promise.resolve({}));
    fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it("saves through an extra button with its own write and message, and through Save with the form's", async () => {
    const onSubmit = vi.fn(() => Promise.resolve("draft"));
    const submitted = vi.fn(() => Promise.resolve("sent"));
    const onSaved = vi.fn();
    render(
      <AntApp>
        <ResourceFormDrawer<Values, string>
          open
          title="New"
          onClose={vi.fn()}
          initialValues={{ name: "Acme" }}
          onSubmit={onSubmit}
          onSaved={onSaved}
          successMessage="Saved"
          saveTestId="save"
          saveLabel="Save draft"
          extraSaves={[{ key: "submit", label: "Save and submit", primary: true, testId: "save-submit", onSubmit: submitted, successMessage: (r) => `Done: ${r}` }]}
        >
          <Form.Item name="name" label="Name">
            <Input data-testid="name" />
          </Form.Item>
        </ResourceFormDrawer>
      </AntApp>,
    );
    expect(screen.getByTestId("save").textContent).toBe("Save draft");
    fireEvent.click(screen.getByTestId("save-submit"));
    await waitFor(() => expect(submitted).toHaveBeenCalledWith({ name: "Acme" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(await screen.findByText("Done: sent")).toBeTruthy();
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith("sent"));
    fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(submitted).toHaveBeenCalledTimes(1);
  });
});
