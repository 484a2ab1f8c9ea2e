import { useState } from "react";
import { DatePicker, Select, Tag, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Interaction } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { useFileExport } from "../../../shared/resource/resourceApi";
import { usePagedTable } from "../../../shared/hooks/usePagedTable";
import { UserPicker } from "../../../shared/components/UserPicker";
import { ExportButton } from "../../../shared/resource/ExportButton";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { SearchForm } from "../../../shared/resource/SearchForm";
import { useDictionary } from "../../customers/api";
import { dictionaryLabel, dictionaryOptions } from "../../customers/dictionary";
import { useInteractions } from "../api";
import { interactionFilters, type InteractionSearchValues } from "../filters";

/** 跟进记录查询 (CUS-10): follow-ups across every customer the user may see. */
export function InteractionsPage() {
  const { t, i18n } = useTranslation();
  const paged = usePagedTable<Interaction>("-occurred_at");
  const [search, setSearch] = useState<InteractionSearchValues>({});
  const filters = interactionFilters(search);
  const interactions = useInteractions({ ...paged.params, ...filters });
  const kinds = useDictionary("follow_up_type");
  const exporter = useFileExport("/api/v1/interactions/export", "interactions");
  const none = t("common:values.none");

  const columns: TableColumnsType<Interaction> = [
    {
      title: t("interactions:fields.occurred_at"),
      dataIndex: "occurred_at",
      key: "occurred_at",
      sorter: true,
      defaultSortOrder: "descend",
      width: 180,
      render: (v: string) => formatDateTime(v, none),
    },
    {
      title: t("interactions:fields.customer"),
      dataIndex: "customer_name",
      key: "customer",
      render: (name: string, row) => (
        <Link to={`/customers/${row.customer_id}`} style={{ whiteSpace: "nowrap" }}>
          {name || none}
        </Link>
      ),
    },
    {
      title: t("interactions:fields.kind"),
      dataIndex: "kind",
      key: "kind",
      width: 110,
      render: (kind: string) => <Tag color="blue">{dictionaryLabel(kinds.data, kind, i18n.language, none)}</Tag>,
    },
    {
      title: t("interactions:fields.content"),
      dataIndex: "content",
      key: "content",
      render: (content: string) => (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap", minWidth: 280, maxWidth: 520 }} ellipsis={{ rows: 2, tooltip: content }}>
          {content}
        </Typography.Paragraph>
      ),
    },
    { title: t("interactions:fields.owner"), dataIndex: "owner_name", key: "owner", width: 140, render: (v: string | null) => v || none },
    {
      title: t("interactions:fields.next_follow_up_at"),
      dataIndex: "next_follow_up_at",
      key: "next_follow_up_at",
      width: 180,
      render: (v: string | null) => formatDateTime(v, none),
    },
  ];

  const dateRange = <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="interaction-range" />;
  const kindSelect = (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      style={{ width: 200, maxWidth: "100%" }}
      options={dictionaryOptions(kinds.data, i18n.language)}
      loading={kinds.isPending}
      data-testid="interaction-kind"
    />
  );

  return (
    <ResourceListPage<Interaction>
      title={t("interactions:title")}
      toolbar={<ExportButton exporter={exporter} query={{ ...filters, sort: paged.params.sort }} permission="follow_ups:export" testId="interaction-export" />}
      table={{ columns, list: interactions, paged, testId: "interactions-table" }}
    >
      <SearchForm<InteractionSearchValues>
        testId="interaction-search"
        values={search}
        onSearch={(values) => {
          setSearch(values);
          paged.resetPage();
        }}
        fields={[
          { name: "occurred", label: t("interactions:fields.occurred_at"), input: dateRange },
          { name: "q", label: t("interactions:search.q"), placeholder: t("interactions:search.qPlaceholder"), width: 200, testId: "interaction-search-q" },
          { name: "kinds", label: t("interactions:fields.kind"), input: kindSelect },
          { name: "owner_id", label: t("interactions:fields.owner"), input: <UserPicker style={{ width: 240, maxWidth: "100%" }} data-testid="interaction-owner" /> },
        ]}
      />
    </ResourceListPage>
  );
}
