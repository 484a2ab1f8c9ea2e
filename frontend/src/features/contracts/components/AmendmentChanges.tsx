import type { HTMLAttributes } from "react";
import { Grid, Table, Typography, type TableColumnsType } from "antd";
import { ArrowRightOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useDictionary } from "../../../shared/dictionaries";
import { useUserNames } from "../../../shared/userNames";
import { contactsApi } from "../../customers/api";
import { dictionaryLabel } from "../../customers/dictionary";
import { opportunitiesApi } from "../../opportunities/api";
import { formatMoney } from "../../products/money";
import { amendmentRows, type AmendmentChange } from "../amendments";

// What an amendment changes, before → after, on the contract's page and on its approval's. The
// server keeps ids for the people and records it names; their names are looked up here.

/** The audit log's and the form's label of a field an amendment changes. */
const LABELS: Record<string, string> = {
  opportunity_id: "opportunity",
  customer_signer_id: "customer_signer",
  signer_id: "signer",
};

function UserName({ id }: { id: string }) {
  return <>{useUserNames([id]).get(id) ?? id}</>;
}

function ContactName({ id }: { id: string }) {
  const contact = contactsApi.useGet(id);
  return <>{contact.data?.name ?? id}</>;
}

function OpportunityName({ id }: { id: string }) {
  const opportunity = opportunitiesApi.useGet(id);
  return <>{opportunity.data?.name ?? id}</>;
}

function Value({ field, value, other, currency }: { field: string; value: unknown; other: unknown; currency: string }) {
  const { t, i18n } = useTranslation();
  const categories = useDictionary("contract_category");
  const none = t("common:values.none");
  if (field === "lines") {
    const count = Array.isArray(value) ? value.length : 0;
    // Lines of the same count changed too: the count alone would not say so.
    const same = Array.isArray(other) && other.length === count;
    return <>{t(same ? "contracts:amendments.linesChanged" : "contracts:amendments.lines", { count })}</>;
  }
  if (value === null || value === undefined || value === "") return <>{none}</>;
  if (typeof value !== "string" && typeof value !== "number") return <>{JSON.stringify(value)}</>;
  const text = String(value);
  switch (field) {
    case "amount":
      return <span style={{ whiteSpace: "nowrap" }}>{formatMoney(text, currency, i18n.language)}</span>;
    case "category":
      return <>{dictionaryLabel(categories.data, text, i18n.language, none)}</>;
    case "signer_id":
      return <UserName id={text} />;
    case "customer_signer_id":
      return <ContactName id={text} />;
    case "opportunity_id":
      return <OpportunityName id={text} />;
    default:
      return <span style={{ whiteSpace: "pre-wrap" }}>{text}</span>;
  }
}

type Props = { amendment: { before: object; after: object }; currency: string; testId?: string };

/**
 * A table of the fields an amendment changes: the field, as it was, as amended. A phone has no room
 * for three columns of amounts: there the value as amended goes under the value as it was.
 */
export function AmendmentChanges({ amendment, currency, testId = "amendment-changes" }: Props) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const rows = amendmentRows(amendment as Parameters<typeof amendmentRows>[0]);
  const before = (row: AmendmentChange) => (
    <Typography.Text type="secondary" style={{ overflowWrap: "anywhere" }} data-testid="amendment-before">
      <Value field={row.field} value={row.before} other={row.after} currency={currency} />
    </Typography.Text>
  );
  const after = (row: AmendmentChange) => (
    <Typography.Text strong style={{ overflowWrap: "anywhere" }} data-testid="amendment-after">
      <Value field={row.field} value={row.after} other={row.before} currency={currency} />
    </Typography.Text>
  );
  const arrow = <ArrowRightOutlined style={{ marginInlineEnd: 6 }} />;
  const field: TableColumnsType<AmendmentChange>[number] = {
    title: t("contracts:amendments.field"),
    dataIndex: "field",
    key: "field",
    width: phone ? "32%" : "28%",
    render: (name: string) => t(`contracts:fields.${LABELS[name] ?? name}`, { defaultValue: name }),
  };
  const columns: TableColumnsType<AmendmentChange> = phone
    ? [
        field,
        {
          title: `${t("contracts:amendments.before")} → ${t("contracts:amendments.after")}`,
          key: "change",
          render: (_, row) => (
            <>
              <div>{before(row)}</div>
              <div>
                {arrow}
                {after(row)}
              </div>
            </>
          ),
        },
      ]
    : [
        field,
        { title: t("contracts:amendments.before"), key: "before", render: (_, row) => before(row) },
        {
          title: (
            <>
              {arrow}
              {t("contracts:amendments.after")}
            </>
          ),
          key: "after",
          render: (_, row) => after(row),
        },
      ];
  return (
    <Table<AmendmentChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      tableLayout="fixed"
      onRow={(row) => ({ "data-field": row.field }) as HTMLAttributes<HTMLElement>}
      columns={columns}
    />
  );
}
