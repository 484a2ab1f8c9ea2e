import type { ReactNode } from "react";
import { Space, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useDictionary } from "../../../shared/dictionaries";
import { CONTRACTS_PATH } from "../../contracts/paths";
import { dictionaryLabel } from "../../customers/dictionary";
import { formatMoney } from "../../products/money";
import type { Invoice, Payment, PaymentPlan } from "../api";
import { MoneyStatusTag } from "./MoneyStatusTag";

// The columns of the payments', invoices' and instalments' tables: on their pages, on a contract's
// tabs (without the contract and customer) and on a customer's (without the customer). Below 768 px
// a table is one column of cards, as the other lists are on a phone.

/**
 * What a money table takes on a phone: no sideways scroll, so a card wraps its lines within the
 * screen (its actions column is a narrow "…" menu, see ActionsOf).
 */
export const PHONE_TABLE = { scroll: { x: undefined } } as const;

export type ColumnOptions = {
  /** Leave out the contract column (a contract's own tab). */
  contract?: boolean;
  /** Leave out the customer column (a contract's or a customer's tab). */
  customer?: boolean;
  /** Show the owner (the lists of everyone's records). */
  owner?: boolean;
  /** One card column, for a phone. */
  phone?: boolean;
  /** The number column stays at the left edge while the table scrolls sideways. */
  fixedNumber?: boolean;
  /** The instalments' currency (a contract's); the lists of several contracts show plain amounts. */
  currency?: string;
};

type Row = { contract_id: string; contract_number?: string | null; customer_id: string; customer_name?: string | null };

function ContractLink({ row, none }: { row: Row; none: string }) {
  return (
    <Link to={`${CONTRACTS_PATH}/${row.contract_id}`} data-testid="money-contract-link">
      {row.contract_number || none}
    </Link>
  );
}

function CustomerLink({ row, none }: { row: Row; none: string }) {
  return <Link to={`/customers/${row.customer_id}`}>{row.customer_name || none}</Link>;
}

/** Where each row's contract and customer columns are, when the options keep them. */
function partyColumns<T extends Row>(options: ColumnOptions, t: (key: string) => string, none: string): TableColumnsType<T> {
  return [
    ...(options.contract === false ? [] : [{ title: t("receivables:fields.contract"), key: "contract", width: 160, render: (_: unknown, row: T) => <ContractLink row={row} none={none} /> }]),
    ...(options.customer === false ? [] : [{ title: t("receivables:fields.customer"), key: "customer", width: 190, render: (_: unknown, row: T) => <CustomerLink row={row} none={none} /> }]),
  ];
}

/** A phone's card: a head line (number and status), then the lines under it. */
function card(head: ReactNode, ...lines: ReactNode[]) {
  return (
    <Space direction="vertical" size={2} style={{ width: "100%" }}>
      <Space size={8} wrap>
        {head}
      </Space>
      {lines.filter(Boolean).map((line, index) => (
        <Typography.Text key={index} type={index === 0 ? undefined : "secondary"} style={index === 0 ? undefined : { fontSize: 12 }}>
          {line}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function usePaymentColumns(options: ColumnOptions = {}): TableColumnsType<Payment> {
  const { t, i18n } = useTranslation();
  const methods = useDictionary("payment_method");
  const none = t("common:values.none");
  const money = (p: Payment) => formatMoney(p.amount, p.currency, i18n.language);
  const method = (p: Payment) => dictionaryLabel(methods.data, p.method, i18n.language, none);
  const instalment = (p: Payment) => (p.plan_instalment ? t("receivables:instalmentN", { n: p.plan_instalment }) : none);
  if (options.phone) {
    return [
      {
        title: t("receivables:payments.title"),
        key: "card",
        render: (_, p) =>
          card(
            <>
              <Typography.Text strong data-testid="payment-number">
                {p.number}
              </Typography.Text>
              <MoneyStatusTag kind="payments" status={p.status} />
            </>,
            <>
              <span data-testid="payment-amount">{money(p)}</span> · {p.received_date} · {method(p)}
            </>,
            <>
              {options.contract === false ? instalment(p) : <ContractLink row={p} none={none} />}
              {options.customer === false ? null : <> · {p.customer_name || none}</>}
            </>,
          ),
      },
    ];
  }
  return [
    {
      title: t("receivables:fields.number"),
      dataIndex: "number",
      key: "number",
      sorter: true,
      width: 160,
      ...(options.fixedNumber ? { fixed: "left" as const } : {}),
      render: (v: string) => <span data-testid="payment-number">{v}</span>,
    },
    { title: t("receivables:fields.status"), dataIndex: "status", key: "status", width: 90, render: (_, p) => <MoneyStatusTag kind="payments" status={p.status} /> },
    { title: t("receivables:fields.amount"), dataIndex: "amount", key: "amount", sorter: true, align: "right", width: 140, render: (_, p) => <span data-testid="payment-amount">{money(p)}</span> },
    { title: t("receivables:fields.received_date"), dataIndex: "received_date", key: "received_date", sorter: true, width: 110 },
    ...partyColumns<Payment>(options, t, none),
    { title: t("receivables:fields.method"), dataIndex: "method", key: "method", width: 100, render: (_, p) => method(p) },
    { title: t("receivables:fields.plan"), dataIndex: "plan_instalment", key: "plan", width: 80, render: (_, p) => instalment(p) },
    ...(options.owner ? [{ title: t("receivables:fields.owner"), dataIndex: "owner_name", key: "owner", width: 100, render: (v: string | null) => v || none }] : []),
    { title: t("receivables:fields.reference"), dataIndex: "reference", key: "reference", width: 180, ellipsis: true, render: (v: string | null) => v || none },
  ];
}

export function useInvoiceColumns(options: ColumnOptions = {}): TableColumnsType<Invoice> {
  const { t, i18n } = useTranslation();
  const none = t("common:values.none");
  const money = (v: string, i: Invoice) => formatMoney(v, i.currency, i18n.language);
  const tax = (i: Invoice) => `${money(i.tax_amount, i)} (${i.tax_rate_percent}%)`;
  if (options.phone) {
    return [
      {
        title: t("receivables:invoices.title"),
        key: "card",
        render: (_, i) =>
          card(
            <>
              <Typography.Text strong data-testid="invoice-number">
                {i.number}
              </Typography.Text>
              <MoneyStatusTag kind="invoices" status={i.status} />
            </>,
            <>
              <span data-testid="invoice-amount">{money(i.amount, i)}</span> · {t(`receivables:invoiceTypes.${i.type}`)}
            </>,
            <span data-testid="invoice-title-text">{i.title}</span>,
            <>
              {options.contract === false ? i.issue_date || none : <ContractLink row={i} none={none} />}
              {options.contract === false ? null : <> · {i.issue_date || none}</>}
            </>,
          ),
      },
    ];
  }
  return [
    {
      title: t("receivables:fields.number"),
      dataIndex: "number",
      key: "number",
      sorter: true,
      width: 160,
      ...(options.fixedNumber ? { fixed: "left" as const } : {}),
      render: (v: string) => <span data-testid="invoice-number">{v}</span>,
    },
    { title: t("receivables:fields.status"), dataIndex: "status", key: "status", width: 90, render: (_, i) => <MoneyStatusTag kind="invoices" status={i.status} /> },
    { title: t("receivables:fields.amountWithTax"), dataIndex: "amount", key: "amount", sorter: true, align: "right", width: 140, render: (v: string, i) => <span data-testid="invoice-amount">{money(v, i)}</span> },
    { title: t("receivables:fields.tax"), dataIndex: "tax_amount", key: "tax", align: "right", width: 150, render: (_, i) => tax(i) },
    { title: t("receivables:fields.issue_date"), dataIndex: "issue_date", key: "issue_date", sorter: true, width: 110, render: (v: string | null) => v || none },
    ...partyColumns<Invoice>(options, t, none),
    { title: t("receivables:fields.type"), dataIndex: "type", key: "type", width: 130, render: (_, i) => t(`receivables:invoiceTypes.${i.type}`) },
    { title: t("receivables:fields.title"), dataIndex: "title", key: "title", width: 200, ellipsis: true, render: (v: string) => <span data-testid="invoice-title-text">{v}</span> },
    ...(options.owner ? [{ title: t("receivables:fields.owner"), dataIndex: "owner_name", key: "owner", width: 100, render: (v: string | null) => v || none }] : []),
  ];
}

export function usePlanColumns(options: ColumnOptions = {}): TableColumnsType<PaymentPlan> {
  const { t, i18n } = useTranslation();
  const none = t("common:values.none");
  // An instalment is in its contract's currency, which the list does not carry.
  const money = (v: string) => formatMoney(v, options.currency ?? null, i18n.language);
  if (options.phone) {
    return [
      {
        title: t("receivables:plans.title"),
        key: "card",
        render: (_, p) =>
          card(
            <>
              <Typography.Text strong>{options.contract === false ? t("receivables:instalmentN", { n: p.instalment }) : <ContractLink row={p} none={none} />}</Typography.Text>
              {options.contract === false ? null : <Typography.Text type="secondary">{t("receivables:instalmentN", { n: p.instalment })}</Typography.Text>}
              <MoneyStatusTag kind="plans" status={p.status} />
            </>,
            <>
              {t("receivables:plans.owes", { outstanding: money(p.outstanding_amount), amount: money(p.amount) })}
            </>,
            <>
              {t("receivables:plans.dueOn", { date: p.due_date })}
              {options.customer === false ? null : <> · {p.customer_name || none}</>}
            </>,
          ),
      },
    ];
  }
  return [
    ...partyColumns<PaymentPlan>(options, t, none),
    { title: t("receivables:fields.instalment"), dataIndex: "instalment", key: "instalment", sorter: true, width: 80, render: (n: number) => <span data-testid="plan-instalment-cell">{t("receivables:instalmentN", { n })}</span> },
    { title: t("receivables:fields.due_date"), dataIndex: "due_date", key: "due_date", sorter: true, width: 110 },
    { title: t("receivables:fields.amount"), dataIndex: "amount", key: "amount", sorter: true, align: "right", width: 130, render: (v: string) => money(v) },
    { title: t("receivables:fields.received_amount"), dataIndex: "received_amount", key: "received", align: "right", width: 130, render: (v: string) => money(v) },
    { title: t("receivables:fields.outstanding_amount"), dataIndex: "outstanding_amount", key: "outstanding", align: "right", width: 130, render: (v: string) => <span data-testid="plan-outstanding">{money(v)}</span> },
    { title: t("receivables:fields.status"), dataIndex: "status", key: "status", width: 90, render: (_, p) => <MoneyStatusTag kind="plans" status={p.status} /> },
    ...(options.owner ? [{ title: t("receivables:fields.owner"), dataIndex: "owner_name", key: "owner", width: 100, render: (v: string | null) => v || none }] : []),
    { title: t("receivables:fields.remark"), dataIndex: "remark", key: "remark", width: 160, ellipsis: true, render: (v: string | null) => v || none },
  ];
}
