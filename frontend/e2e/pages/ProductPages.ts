import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption, chooseRegion } from "./AppShell";
import { ListExport } from "./ListExport";

/** 产品: the category tree on the left, the product table, its drawer and the supplier prices row. */
export class ProductsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/products");
    await expect(this.page.getByTestId("product-search")).toBeVisible();
  }

  /** A category in the tree, by its name. */
  node(name: string): Locator {
    return this.page.getByTestId("category-tree").locator(".ant-tree-treenode").filter({ hasText: name });
  }

  async createTopCategory(name: string): Promise<void> {
    await this.page.getByTestId("category-create").click();
    await this.saveCategory(name);
  }

  async createChildCategory(parent: string, name: string): Promise<void> {
    await this.node(parent).locator('[data-testid^="category-add-child-"]').click();
    await this.saveCategory(name);
  }

  private async saveCategory(name: string): Promise<void> {
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("category-name").fill(name);
    await dialog.getByTestId("category-save").click();
    await expect(dialog).toBeHidden();
    await expect(this.node(name)).toBeVisible();
  }

  async selectCategory(name: string): Promise<void> {
    await this.node(name).locator(".ant-tree-node-content-wrapper").click();
    await expect(this.node(name).locator(".ant-tree-node-selected")).toBeVisible();
  }

  async selectAll(): Promise<void> {
    await this.page.getByTestId("category-node-all").click();
  }

  async deleteCategory(name: string): Promise<void> {
    await this.node(name).locator('[data-testid^="category-delete-"]').click();
    await this.page.locator(".ant-popconfirm:visible").getByRole("button").last().click();
  }

  drawer(): Locator {
    return this.page.locator(".ant-drawer-content");
  }

  /** Opens the create drawer and fills it, leaving it open. */
  async startCreate(product: { name: string; price: string; unit?: string }): Promise<Locator> {
    await this.page.getByTestId("product-create").click();
    const drawer = this.drawer();
    await drawer.getByTestId("product-name").fill(product.name);
    await drawer.getByTestId("product-price").fill(product.price);
    if (product.unit) await drawer.getByTestId("product-unit").fill(product.unit);
    return drawer;
  }

  async save(): Promise<void> {
    await this.page.getByTestId("product-save").click();
  }

  row(text: string): Locator {
    return this.page.locator(".ant-table-row", { hasText: text });
  }

  rows(): Locator {
    return this.page.locator(".ant-table-tbody .ant-table-row");
  }

  async search(q: string): Promise<void> {
    await this.page.getByTestId("product-search-q").fill(q);
    await this.page.getByTestId("product-search").click();
  }

  /** Expands a product's row and returns the supplier prices shown under it. */
  async expandSupplierPrices(name: string): Promise<Locator> {
    await this.row(name).locator(".ant-table-row-expand-icon").click();
    const panel = this.page.getByTestId("product-supplier-prices");
    await expect(panel).toBeVisible();
    return panel;
  }

  async exportCsv(): Promise<{ filename: string; text: string }> {
    return new ListExport(this.page, "product-export").csv();
  }
}

/** 供应商: the list, the create drawer and the detail page with its tabs. */
export class SuppliersPages {
  constructor(private readonly page: Page) {}

  async gotoList(): Promise<void> {
    await this.page.goto("/suppliers");
    await expect(this.page.getByTestId("supplier-search")).toBeVisible();
  }

  row(text: string): Locator {
    return this.page.locator(".ant-table-row", { hasText: text });
  }

  async search(q: string): Promise<void> {
    await this.page.getByTestId("supplier-search-q").fill(q);
    await this.page.getByTestId("supplier-search").click();
  }

  /** Creates a supplier; the app then opens its page, whose id is returned. */
  async create(
    supplier: { name: string; contact?: string; phone?: string; region?: string[] },
    beforeSave?: () => Promise<void>,
  ): Promise<string> {
    await this.page.getByTestId("supplier-create").click();
    const drawer = this.page.locator(".ant-drawer-content");
    await drawer.getByTestId("supplier-name").fill(supplier.name);
    if (supplier.contact) await drawer.getByTestId("supplier-contact").fill(supplier.contact);
    if (supplier.phone) await drawer.getByTestId("supplier-phone").fill(supplier.phone);
    if (supplier.region) await chooseRegion(this.page, drawer.getByTestId("supplier-region"), supplier.region);
    await beforeSave?.();
    await this.page.getByTestId("supplier-save").click();
    await expect(drawer).toBeHidden();
    await expect(this.page).toHaveURL(/\/suppliers\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId("supplier-title")).toHaveText(supplier.name);
    return this.page.url().split("/").pop() ?? "";
  }

  async openTab(label: string): Promise<void> {
    await this.page.getByRole("tab", { name: label, exact: true }).click();
    await expect(this.page.getByRole("tab", { name: label, exact: true })).toHaveAttribute("aria-selected", "true");
  }

  /** The input of a date picker cell of the price list. */
  dateInput(testId: string): Locator {
    return this.page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  }

  /** Types a date into a date picker cell of the price list. */
  async setDate(testId: string, date: string): Promise<void> {
    const input = this.dateInput(testId);
    await input.click();
    await input.fill(date);
    await input.press("Enter");
    await expect(input).toHaveValue(date);
  }

  /** Adds a price row: product found by `productSearch`, a price string, optional end date. */
  async addPriceRow(index: number, productSearch: string, price: string, validTo?: string): Promise<void> {
    await this.page.getByTestId("price-add").click();
    await chooseOption(this.page, this.page.getByTestId(`price-product-${index}`), productSearch, true);
    await this.page.getByTestId(`price-price-${index}`).fill(price);
    if (validTo) await this.setDate(`price-valid-to-${index}`, validTo);
  }

  async savePrices(): Promise<void> {
    await this.page.getByTestId("prices-save").click();
  }

  async addServedCustomer(search: string, name: string): Promise<void> {
    const tab = this.page.getByTestId("served-customers");
    await chooseOption(this.page, tab.getByTestId("served-customer-pick"), search, true);
    await tab.getByTestId("served-customer-add").click();
    await expect(tab.locator(".ant-table-row", { hasText: name })).toBeVisible();
  }

  async saveServedCustomers(): Promise<void> {
    await this.page.getByTestId("served-customers-save").click();
    await expect(this.page.getByTestId("served-customers-save")).toBeDisabled();
  }
}
