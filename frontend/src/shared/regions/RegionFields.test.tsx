// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Button, Form } from "antd";
import { stubMatchMedia } from "../testing/jsdom";
import "../../i18n";
import type { Region } from "../../api/types";
import { regionBody, regionFormValues, type RegionFormValues } from "./regionForm";
import { RegionFields } from "./RegionFields";
import { regionKeys } from "./useRegions";

beforeAll(stubMatchMedia);
afterEach(cleanup);

const REGIONS: Region[] = [
  {
    code: "320000",
    name: "江苏省",
    children: [{ code: "320100", name: "南京市", children: [{ code: "320106", name: "鼓楼区" }] }],
  },
  { code: "330000", name: "浙江省", children: [{ code: "330100", name: "杭州市" }] },
];

/** The region fields in a form that saves as the customer form does; returns what a save sends. */
function renderForm(record: RegionFormValues) {
  const queryClient = new QueryClient();
  // As GET /regions would answer; the fields never wait for the server here.
  queryClient.setQueryData(regionKeys.tree, REGIONS);
  const sent = vi.fn();
  render(
    <QueryClientProvider client={queryClient}>
      <Form initialValues={regionFormValues(record)} onFinish={(values: RegionFormValues) => sent(regionBody(values, 3))}>
        <RegionFields depth={3} testId="region" labels={{ region: "Region", province: "Province", city: "City", district: "District" }} />
        <Button htmlType="submit" data-testid="save">
          Save
        </Button>
      </Form>
    </QueryClientProvider>,
  );
  const save = async () => {
    sent.mockClear();
    fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent).toHaveBeenCalled());
    return sent.mock.calls[0]?.[0] as unknown;
  };
  return { save };
}

const shown = () => screen.getByTestId("region").closest(".ant-select")?.querySelector(".ant-select-selection-item")?.textContent ?? "";

describe("RegionFields", () => {
  it("opens a coded record on its path and saves the code alone", async () => {
    const form = renderForm({ region_code: "320106", province: "江苏省", city: "南京市", district: "鼓楼区" });
    expect(shown()).toBe("江苏省 / 南京市 / 鼓楼区");
    expect(screen.queryByTestId("region-suggestion")).toBeNull();
    expect(await form.save()).toEqual({ region_code: "320106" });
  });

  it("sends nulls and no code when the region is cleared", async () => {
    const form = renderForm({ region_code: "320106", province: "江苏省", city: "南京市", district: "鼓楼区" });
    const clear = screen.getByTestId("region").closest(".ant-select")?.querySelector(".ant-select-clear");
    expect(clear).toBeTruthy();
    fireEvent.mouseDown(clear!);
    await waitFor(() => expect(shown()).toBe(""));
    expect(await form.save()).toEqual({ province: null, city: null, district: null });
  });

  it("shows a legacy record's names as text, offers the region they stand for and saves its code once taken", async () => {
    const form = renderForm({ region_code: null, province: "江苏", city: "南京" });
    expect((screen.getByTestId("region-city") as HTMLInputElement).value).toBe("南京");
    const suggestion = screen.getByTestId("region-suggestion");
    expect(suggestion.textContent).toContain("江苏省 / 南京市");
    // Kept as typed until the user takes the suggestion.
    expect(await form.save()).toEqual({ province: "江苏", city: "南京", district: null });
    fireEvent.click(suggestion);
    await waitFor(() => expect(shown()).toBe("江苏省 / 南京市"));
    expect(screen.queryByTestId("region-suggestion")).toBeNull();
    expect(await form.save()).toEqual({ region_code: "320100" });
  });

  it("lets go of the code when a name is typed by hand", async () => {
    const form = renderForm({ region_code: "330100", province: "浙江省", city: "杭州市" });
    fireEvent.click(screen.getByTestId("region-type"));
    fireEvent.change(screen.getByTestId("region-city"), { target: { value: "杭州（滨江）" } });
    expect(await form.save()).toEqual({ province: "浙江省", city: "杭州（滨江）", district: null });
  });
});
