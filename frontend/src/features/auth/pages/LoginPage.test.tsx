// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import "../../../i18n";
import { LocaleProvider } from "../../../app/locale";
import { LoginPage } from "./LoginPage";

// antd reads media queries; jsdom has none.
beforeAll(stubMatchMedia);

afterEach(cleanup);

function renderLogin() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <LocaleProvider>
        <AntApp>
          <MemoryRouter initialEntries={["/login"]}>
            <LoginPage />
          </MemoryRouter>
        </AntApp>
      </LocaleProvider>
    </QueryClientProvider>,
  );
}

describe("LoginPage", () => {
  it("renders translated labels, never raw keys, and switches language", async () => {
    // jsdom's navigator.language is en-US, so the page starts in English.
    renderLogin();
    expect(await screen.findByText("Username or e-mail")).toBeTruthy();
    expect(screen.queryByText(/login\./)).toBeNull();
    fireEvent.click(screen.getByText("中文"));
    expect(await screen.findByText("用户名或邮箱")).toBeTruthy();
    expect(window.localStorage.getItem("crm.locale")).toBe("zh-CN");
  });
});
