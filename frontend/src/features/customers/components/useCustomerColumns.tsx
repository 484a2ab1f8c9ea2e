import { Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Customer } from "../../../api/types";
import { formatDateTimeShort } from "../../../shared/format";
import { useDictionary } from "../api";
import { dictionaryLabel } from "../dictionary";
import { PoolTag } from "./PoolTag";

/**
 * Every column has a width, so the table's scroll width adds up and no column slides under the
 * fixed code and actions columns; long text is cut with an ellipsis rather than widening the row.
 *
 * The customer table's data columns (no actions), for every table that lists customers: the
 * customer list and a group's members show a customer the same way. `only` keeps these keys, in
 * the columns' own order.
 */
export function useCustomerColumns(only?: readonly string[]): TableColumnsType<Customer> {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const industries = useDictionary("industry");
  const levels = useDictionary("customer_level");
  const sources = useDictionary("customer_source");
  const none = t("common:values.none");
  const text = (v: string | null | undefined) => v || none;

  const columns: TableColumnsType<Customer> = [
    { title: t("customers:fields.code"), dataIndex: "code", key: "code", width: 110, sorter: true, fixed: "left" },
    {
      title: t("customers:fields.name"),
      dataIndex: "name",
      key: "name",
      width: 180,
      // With the code, the name stays in view while the row scrolls sideways to its follow-up times.
      fixed: "left",
      sorter: true,
      render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
    },
    { title: t("customers:fields.kind"), dataIndex: "kind", key: "kind", width: 90, render: (kind: string) => t(`customers:kinds.${kind}`, { defaultValue: kind }) },
    { title: t("customers:fields.industry"), key: "industry", width: 110, render: (_, c) => dictionaryLabel(industries.data, c.industry, language, none) },
    { title: t("customers:fields.level"), key: "level", width: 120, render: (_, c) => dictionaryLabel(levels.data, c.level, language, none) },
    { title: t("customers:fields.source"), key: "source", width: 110, render: (_, c) => dictionaryLabel(sources.data, c.source, language, none) },
    { title: t("customers:fields.province"), dataIndex: "province", key: "province", width: 90, render: text },
    { title: t("customers:fields.city"), dataIndex: "city", key: "city", width: 90, render: text },
    { title: t("customers:fields.phone"), dataIndex: "phone", key: "phone", width: 130, render: text },
    { title: t("customers:fields.email"), dataIndex: "email", key: "email", width: 180, render: text },
    {
      title: t("customers:fields.tags"),
      dataIndex: "tags",
      key: "tags",
      width: 160,
      render: (tags: string[]) => (tags.length > 0 ? tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none),
    },
    { title: t("customers:fields.owner"), dataIndex: "owner_name", key: "owner", width: 110, render: text },
    { title: t("customers:fields.pool"), dataIndex: "pool", key: "pool", width: 100, render: (p: string) => <PoolTag pool={p} /> },
    {
      title: t("customers:fields.last_follow_up_at"),
      dataIndex: "last_follow_up_at",
      key: "last_follow_up_at",
      width: 150,
      sorter: true,
      render: (v: string | null) => formatDateTimeShort(v, none),
    },
    {
      title: t("customers:fields.next_follow_up_at"),
      dataIndex: "next_follow_up_at",
      key: "next_follow_up_at",
      width: 150,
      sorter: true,
      render: (v: string | null) => formatDateTimeShort(v, none),
    },
    {
      title: t("customers:fields.created_at"),
      dataIndex: "created_at",
      key: "created_at",
      width: 150,
      sorter: true,
      render: (v: string) => formatDateTimeShort(v, none),
    },
    {
      title: t("customers:fields.updated_at"),
      dataIndex: "updated_at",
      key: "updated_at",
      width: 150,
      sorter: true,
      render: (v: string) => formatDateTimeShort(v, none),
    },
  ];
  const cut = columns.map((c) => ({ ellipsis: true, ...c }));
  return only ? cut.filter((c) => only.includes(String(c.key))) : cut;
}
