import { expect, type Locator, type Page } from "@playwright/test";

export type PoolRuleLimits = {
  return_after_days_without_follow_up: number | null;
  return_after_days_without_deal: number | null;
  max_customers_per_owner: number | null;
  reclaim_cooldown_days: number | null;
};

/** 公海规则: the rules form, save and apply now. */
export class PoolRulesPage {
  readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId("pool-rules-form");
  }

  async goto(): Promise<void> {
    await this.page.goto("/pool-rules");
    await expect(this.form).toBeVisible();
  }

  limit(field: keyof PoolRuleLimits): Locator {
    // antd gives each form control the field name as its id.
    return this.form.locator(`input#${field}`);
  }

  async turnOn(): Promise<void> {
    const toggle = this.form.getByTestId("pool-rules-enabled");
    if ((await toggle.getAttribute("aria-checked")) !== "true") await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
  }

  /** Fills the limits (null clears one, switching that rule off). */
  async fill(limits: PoolRuleLimits): Promise<void> {
    for (const [field, value] of Object.entries(limits) as [keyof PoolRuleLimits, number | null][]) {
      await this.limit(field).fill(value === null ? "" : String(value));
    }
  }

  async save(): Promise<void> {
    await this.form.getByTestId("pool-rules-save").click();
  }

  async applyNow(): Promise<void> {
    await this.page.getByTestId("pool-rules-apply").click();
    await this.page.getByTestId("pool-rules-apply-ok").click();
  }
}
