// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Button, Form } from "antd";
import type { Dayjs } from "dayjs";
import { stubMatchMedia } from "../testing/jsdom";
import { DateTimeInput } from "./DateTimeInput";

beforeAll(stubMatchMedia);
afterEach(cleanup);

describe("DateTimeInput", () => {
  it("keeps a typed time on Enter without submitting the form around it", async () => {
    const onFinish = vi.fn();
    const onValuesChange = vi.fn();
    render(
      <Form onFinish={onFinish} onValuesChange={onValuesChange}>
        <Form.Item name="at">
          <DateTimeInput />
        </Form.Item>
        <Button htmlType="submit">save</Button>
      </Form>,
    );
    const input = screen.getByRole("textbox");
    fireEvent.mouseDown(input);
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: "2026-12-05 10:30" } });
    // A browser submits the form as Enter's default action (jsdom does not), so Enter must be prevented.
    const notPrevented = fireEvent.keyDown(input, { key: "Enter", code: "Enter" });
    expect(notPrevented).toBe(false);
    await waitFor(() => expect(onValuesChange).toHaveBeenCalled());
    const at = (onValuesChange.mock.calls.at(-1)?.[0] as { at: Dayjs }).at;
    expect(at.format("YYYY-MM-DD HH:mm")).toBe("2026-12-05 10:30");
    expect(onFinish).not.toHaveBeenCalled();
  });
});
