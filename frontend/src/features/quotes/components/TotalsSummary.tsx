import { Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../products/money";

export type Totals = { subtotal: string; discount_total: string; tax_total: string; total: string };

/** A document's figures: subtotal before discount, the discount, the tax and what is due (and in words, from the server). */
export function TotalsSummary({ totals, currency, words, incomplete, testId }: { totals: Totals; currency: string; words?: string; incomplete?: boolean; testId: string }) {
  const { t, i18n } = useTranslation();
  const money = (v: string) => formatMoney(v, currency, i18n.language);
  return (
    <Descriptions size="small" column={1} bordered data-testid={testId} style={{ maxWidth: 420, marginInlineStart: "auto" }} labelStyle={{ width: 140 }}>
      <Descriptions.Item label={t("quotes:totals.subtotal")}>
        <span data-testid={`${testId}-subtotal`}>{money(totals.subtotal)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("quotes:totals.discount")}>
        <span data-testid={`${testId}-discount`}>{money(totals.discount_total)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("quotes:totals.tax")}>
        <span data-testid={`${testId}-tax`}>{money(totals.tax_total)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("quotes:totals.total")}>
        <Typography.Text strong data-testid={`${testId}-total`}>
          {money(totals.total)}
        </Typography.Text>
        {incomplete && (
          <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
            {t("quotes:totals.incomplete")}
          </Typography.Text>
        )}
      </Descriptions.Item>
      {words && (
        <Descriptions.Item label={t("quotes:totals.inWords")}>
          <span data-testid={`${testId}-words`}>{words}</span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
