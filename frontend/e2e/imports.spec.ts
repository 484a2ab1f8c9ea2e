import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { shoot, signIn } from "./journey";
import { AppShell } from "./pages/AppShell";
import { CustomersListPage } from "./pages/CustomerPages";
import { ImportWizard, MyImportsPage } from "./pages/ImportPages";
import { adminHeaders, createCustomer, createUser } from "./sceneApi";

// 导入: an administrator imports customers from a CSV with two bad rows (an industry the
// dictionary does not have, an empty name): the check names the two rows, the import writes the
// two good ones, the errors file holds the two bad ones with the reason, and once fixed they import
// too. My imports lists both imports with their reports.

const PASSWORD = "Import12345!x";

/** A CSV file in a fresh temporary folder, written as UTF-8 with a BOM (as Excel saves one). */
function writeCsv(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, `\ufeff${text}`, "utf8");
  return path;
}

/** The rows of a small CSV (no quoted line breaks in these files), the BOM dropped. */
function csvLines(text: string): string[][] {
  return text
    .replace(/^\ufeff/, "")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split(","));
}

test("imports: customers from a CSV with two bad rows, the errors file fixed and imported again", async ({ browser, request }) => {
  const suffix = Date.now().toString(36);
  const admin = { username: `import_admin_${suffix}`, displayName: `导入管理员 ${suffix}`, password: PASSWORD };
  await createUser(request, admin, "admin");
  const dir = mkdtempSync(join(tmpdir(), "crm-import-"));
  const good = [`导入甲 ${suffix}`, `导入丁 ${suffix}`] as const;
  const fixed = [`导入乙 ${suffix}`, `导入丙 ${suffix}`] as const;
  const first = writeCsv(
    dir,
    `customers-${suffix}.csv`,
    ["客户名称,行业,电话", `${good[0]},信息技术,0571-88886666`, `${fixed[0]},芯片,`, `,制造业,`, `${good[1]},,`].join("\r\n") + "\r\n",
  );

  const page = await signIn(browser, admin.username, PASSWORD);
  const shell = new AppShell(page);
  const wizard = new ImportWizard(page);

  await test.step("the customers list's 导入 opens the wizard; a CSV is chosen and checked", async () => {
    await shell.open("customers");
    await expect(page).toHaveURL(/\/customers/);
    await wizard.open("customer-import");
    await shoot(page, "imports-file");
    await wizard.chooseFile(first);
    await expect(wizard.root).toContainText(`customers-${suffix}.csv`);
    await wizard.check();
    // The mapping (the server's plan) and the preview of the file's first rows.
    await expect(wizard.root.getByTestId("import-mapping")).toContainText("客户名称");
    await expect(wizard.root.getByTestId("import-preview")).toContainText(good[0]);
    await expect(wizard.count("rows_read")).toHaveText("4");
    await expect(wizard.count("wouldCreate")).toHaveText("2");
    await expect(wizard.count("failed")).toHaveText("2");
    // Rows as a spreadsheet numbers them (the header is row 1), the reasons in Chinese.
    expect(await wizard.failedRows()).toEqual([3, 4]);
    await expect(wizard.reasons()).toHaveText(["不是允许的选项", "必填项为空"]);
    await shoot(page, "imports-check");
  });

  await test.step("the import writes the two good rows; the errors file holds the two bad ones", async () => {
    await wizard.commit();
    await expect(wizard.status()).toHaveText("已完成");
    await expect(wizard.count("created")).toHaveText("2");
    await expect(wizard.count("failed")).toHaveText("2");
    await shoot(page, "imports-done");
    const errors = await wizard.downloadErrors();
    expect(errors.filename).toMatch(/\.csv$/);
    const lines = csvLines(errors.text);
    // The header with an error column, then the two failed rows as uploaded.
    expect(lines[0]?.slice(0, 3)).toEqual(["客户名称", "行业", "电话"]);
    expect(lines[0]?.length).toBe(4);
    expect(lines).toHaveLength(3);
    expect(lines[1]?.slice(0, 2)).toEqual([fixed[0], "芯片"]);
    expect(lines[2]?.slice(0, 2)).toEqual(["", "制造业"]);
    expect(lines[1]?.[3]).toBeTruthy();
    expect(lines[2]?.[3]).toBeTruthy();

    // Fixed in the file: a known industry, a name; the error column is dropped.
    const repaired = [lines[0]?.slice(0, 3), [fixed[0], "信息技术", lines[1]?.[2] ?? ""], [fixed[1], "制造业", lines[2]?.[2] ?? ""]]
      .map((cells) => (cells ?? []).join(","))
      .join("\r\n");
    writeCsv(dir, `customers-${suffix}-fixed.csv`, `${repaired}\r\n`);
  });

  await test.step("the fixed file imports: 2 created, 0 failed", async () => {
    await wizard.another();
    await wizard.chooseFile(join(dir, `customers-${suffix}-fixed.csv`));
    await wizard.check();
    await expect(wizard.count("wouldCreate")).toHaveText("2");
    await expect(wizard.count("failed")).toHaveText("0");
    await wizard.commit();
    await expect(wizard.count("created")).toHaveText("2");
    await expect(wizard.count("failed")).toHaveText("0");
    await expect(wizard.root.getByTestId("import-errors-download")).toHaveCount(0);
    await wizard.close();
  });

  await test.step("the four customers are in the list", async () => {
    const customers = new CustomersListPage(page);
    await customers.search(suffix);
    for (const name of [...good, ...fixed]) await expect(customers.row(name)).toBeVisible();
  });

  await test.step("My imports lists both imports with their reports", async () => {
    await shell.open("imports");
    await expect(page).toHaveURL(/\/imports$/);
    const imports = new MyImportsPage(page);
    const row = imports.row(`customers-${suffix}.csv`).first();
    await expect(row).toBeVisible();
    await expect(imports.row(`customers-${suffix}-fixed.csv`).first()).toBeVisible();
    const details = await imports.expand(row);
    await expect(details.getByTestId("import-errors-table")).toBeVisible();
    await expect(details.getByTestId("import-errors-download")).toBeVisible();
    await shoot(page, "imports-list");
  });
});

test("imports: the wizard and My imports in English", async ({ browser, request }) => {
  const suffix = Date.now().toString(36);
  const admin = { username: `import_en_${suffix}`, displayName: `Importer ${suffix}`, password: PASSWORD };
  await createUser(request, admin, "admin");
  const dir = mkdtempSync(join(tmpdir(), "crm-import-"));
  const file = writeCsv(dir, `customers-en-${suffix}.csv`, ["Name,Industry,Phone", `Import A ${suffix},Information technology,`, `Import B ${suffix},Chips,`].join("\n") + "\n");
  const page = await signIn(browser, admin.username, PASSWORD);
  const shell = new AppShell(page);
  const wizard = new ImportWizard(page);
  await shell.switchLanguage("English");

  await shell.open("customers");
  await wizard.open("customer-import");
  await expect(wizard.root).toContainText("Drop a file here");
  await shoot(page, "imports-en-file");
  await wizard.chooseFile(file);
  await wizard.check();
  await expect(wizard.count("failed")).toHaveText("1");
  await expect(wizard.reasons()).toHaveText(["Not one of the allowed values"]);
  await shoot(page, "imports-en-check");
  await wizard.commit();
  await expect(wizard.status()).toHaveText("Done");
  await expect(wizard.count("created")).toHaveText("1");
  await shoot(page, "imports-en-done");
  await wizard.close();

  await shell.open("imports");
  const imports = new MyImportsPage(page);
  await imports.expand(imports.row(`customers-en-${suffix}.csv`).first());
  await shoot(page, "imports-en-list");
});

// 更新已有记录: a file with a customer that exists and one that does not. Checked as it comes, the
// existing one is a duplicate; asked to update existing records, the check counts one to update,
// and the import changes the existing customer's remark and creates the other.
test("imports: a duplicate updates the existing customer when asked to", async ({ browser, request }) => {
  const suffix = Date.now().toString(36);
  const admin = { username: `import_upd_${suffix}`, displayName: `更新导入 ${suffix}`, password: PASSWORD };
  await createUser(request, admin, "admin");
  const existing = `已有客户 ${suffix}`;
  await createCustomer(request, { name: existing, city: "杭州市" });
  const dir = mkdtempSync(join(tmpdir(), "crm-import-"));
  const file = writeCsv(dir, `update-${suffix}.csv`, ["客户名称,城市,备注", `${existing},,导入更新的备注`, `新客户 ${suffix},苏州市,`].join("\r\n") + "\r\n");
  const page = await signIn(browser, admin.username, PASSWORD);
  const shell = new AppShell(page);
  const wizard = new ImportWizard(page);

  await test.step("checked as it comes, the existing customer is a duplicate", async () => {
    await shell.open("customers");
    await wizard.open("customer-import");
    await wizard.chooseFile(file);
    await wizard.check();
    await expect(wizard.count("failed")).toHaveText("1");
    await expect(wizard.reasons()).toHaveText(["记录已存在"]);
  });

  await test.step("asked to update existing records, the check counts one to update", async () => {
    await wizard.onDuplicate("update");
    await expect(wizard.root.getByTestId("import-update-hint")).toContainText("空单元格保留原值");
    await wizard.recheck();
    await expect(wizard.count("wouldCreate")).toHaveText("1");
    await expect(wizard.count("wouldUpdate")).toHaveText("1");
    await expect(wizard.count("failed")).toHaveText("0");
    await shoot(page, "imports-update-check");
  });

  await test.step("the import updates one and creates one; the empty cell keeps the city", async () => {
    await wizard.commit();
    await expect(wizard.count("created")).toHaveText("1");
    await expect(wizard.count("updated")).toHaveText("1");
    await expect(wizard.root.getByTestId("import-finished")).toContainText("更新 1 条");
    await shoot(page, "imports-update-done");
    await wizard.close();
    const found = await request.get(`/api/v1/customers?q=${encodeURIComponent(existing)}`, { headers: await adminHeaders(request) });
    const [customer] = ((await found.json()) as { items: { city: string | null; remark: string | null; version: number }[] }).items;
    expect(customer).toMatchObject({ city: "杭州市", remark: "导入更新的备注", version: 2 });
  });

  await test.step("My imports shows the updated count, in English too", async () => {
    await shell.open("imports");
    const imports = new MyImportsPage(page);
    await expect(imports.row(`update-${suffix}.csv`).first().getByTestId("import-row-counts").first()).toContainText("更新 1");
    await shell.switchLanguage("English");
    await expect(imports.row(`update-${suffix}.csv`).first().getByTestId("import-row-counts").first()).toContainText("1 updated");
    await imports.expand(imports.row(`update-${suffix}.csv`).first());
    await shoot(page, "imports-update-en-list");
    await shell.open("customers");
    await wizard.open("customer-import");
    await wizard.chooseFile(file);
    await wizard.check();
    await wizard.onDuplicate("update");
    await expect(wizard.root.getByTestId("import-update-hint")).toContainText("an empty cell keeps its value");
    await wizard.recheck();
    await expect(wizard.count("wouldUpdate")).toHaveText("2");
    await shoot(page, "imports-update-en-check");
  });
});
