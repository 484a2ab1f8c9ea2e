import { Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Customer } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { useDictionary } from "../api";
import { dictionaryLabel } from "../dictionary";
import { PoolTag } from "./PoolTag";

/**
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
    { title: t("customers:fields.code"), dataIndex: "code", key: "code", sorter: true, fixed: "left" },
    {
      title: t("customers:fields.name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
    },
    { title: t("customers:fields.kind"), dataIndex: "kind", key: "kind", render: (kind: string) => t(`customers:kinds.${kind}`, { defaultValue: kind }) },
    { title: t("customers:fields.industry"), key: "industry", render: (_, c) => dictionaryLabel(industries.data, c.industry, language, none) },
    { title: t("customers:fields.level"), key: "level", render: (_, c) => dictionaryLabel(levels.data, c.level, language, none) },
    { title: t("customers:fields.source"), key: "source", render: (_, c) => dictionaryLabel(sources.data, c.source, language, none) },
    { title: t("customers:fields.province"), dataIndex: "province", key: "province", render: text },
    { title: t("customers:fields.city"), dataIndex: "city", key: "city", render: text },
    { title: t("customers:fields.phone"), dataIndex: "phone", key: "phone", render: text },
    { title: t("customers:fields.email"), dataIndex: "email", key: "email", render: text },
    {
      title: t("customers:fields.tags"),
      dataIndex: "tags",
      key: "tags",
      render: (tags: string[]) => (tags.length > 0 ? tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none),
    },
    { title: t("customers:fields.owner"), dataIndex: "owner_name", key: "owner", render: text },
    { title: t("customers:fields.pool"), dataIndex: "pool", key: "pool", render: (p: string) => <PoolTag pool={p} /> },
    {
      title: t("customers:fields.last_follow_up_at"),
      dataIndex: "last_follow_up_at",
      key: "last_follow_up_at",
      sorter: true,
      render: (v: string | null) => formatDateTime(v, none),
    },
    {
      title: t("customers:fields.next_follow_up_at"),
      dataIndex: "next_follow_up_at",
      key: "next_follow_up_at",
      sorter: true,
      render: (v: string | null) => formatDateTime(v, none),
    },
    {
      title: t("customers:fields.created_at"),
      dataIndex: "created_at",
      key: "created_at",
      sorter: true,
      render: (v: string) => formatDateTime(v, none),
    },
    {
      title: t("customers:fields.updated_at"),
      dataIndex: "updated_at",
      key: "updated_at",
      sorter: true,
      render: (v: string) => formatDateTime(v, none),
    },
  ];
  return only ? columns.filter((c) => only.includes(String(c.key))) : columns;
}
