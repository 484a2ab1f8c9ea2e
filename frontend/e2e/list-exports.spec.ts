import { expect } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";
import { DrivePage } from "./pages/DrivePages";
import { ListExport } from "./pages/ListExport";

// Every list whose records the API exports has the same export button (Excel or CSV of the list
// as filtered); the file downloads with the user's token, in the UI's language.
test.use({ storageState: ADMIN_STATE, acceptDownloads: true });

const LISTS = [
  { path: "/contracts", testId: "contract-export", header: /合同编号|Number/ },
  { path: "/payments", testId: "payment-export" },
  { path: "/invoices", testId: "invoice-export" },
  { path: "/quotes", testId: "quote-export" },
  { path: "/orders", testId: "order-export" },
  { path: "/opportunities", testId: "opportunity-export" },
  { path: "/leads", testId: "lead-export" },
  { path: "/suppliers", testId: "supplier-export", header: /供应商名称|Name/ },
  { path: "/customer-groups", testId: "group-export" },
  { path: "/product-categories", testId: "category-export" },
  { path: "/sales-plans", testId: "sales-plan-export" },
  { path: "/weekly-reports", testId: "weekly-report-export" },
  { path: "/receivables", testId: "plan-export" },
  { path: "/system/users", testId: "user-export", header: /用户名|Username/ },
  { path: "/system/departments", testId: "department-export" },
  { path: "/system/roles", testId: "role-export" },
] as const;

test("every list with an export (documents, money, sales, catalogue, organisation) exports CSV; contracts also Excel", async ({ page }) => {
  for (const list of LISTS) {
    await test.step(`${list.path}: CSV`, async () => {
      await page.goto(list.path);
      const exporter = new ListExport(page, list.testId);
      await expect(exporter.button).toBeVisible();
      const file = await exporter.csv();
      expect(file.filename).toMatch(/\.csv$/);
      // People's files: a BOM for Excel, then the headers in the UI's language.
      expect(file.text.charCodeAt(0)).toBe(0xfeff);
      if ("header" in list) expect(file.text).toMatch(list.header);
    });
  }

  await test.step("/contracts: Excel, with the list's status tab as its filter", async () => {
    await page.goto("/contracts?status=active");
    const file = await new ListExport(page, "contract-export").xlsx();
    expect(file.filename).toMatch(/\.xlsx$/);
    // An XLSX file is a zip archive.
    expect(file.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  });
});

test("a list exported in the background lands in the drive, from My exports", async ({ page }) => {
  const drive = new DrivePage(page);
  await page.goto("/customers");
  await new ListExport(page, "customer-export").inBackground("csv");
  // The message links to My exports, which follows the job until its file is in the drive.
  await page.getByTestId("background-export-mine").click();
  await expect(page).toHaveURL(/\/exports/);
  const row = page.getByTestId("exports-table").locator(".ant-table-row").first();
  await expect(row.getByTestId("export-status")).toHaveText(/已完成|Done/, { timeout: 30_000 });
  const name = (await row.getByTestId("export-file-name").textContent())?.trim() ?? "";
  expect(name).toMatch(/^customers-\d{8}-\d{6}\.csv$/);
  await row.getByTestId("export-open-drive").click();
  await expect(drive.row(name)).toBeVisible();
  const file = await drive.download(name);
  expect(file.text.charCodeAt(0)).toBe(0xfeff);
  expect(file.text).toMatch(/客户名称|Name/);
});
