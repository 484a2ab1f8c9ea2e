import { useState } from "react";
import { App, Select, Switch, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { DictionaryItem } from "../../../api/types";
import { ALL_DICTIONARY_KINDS, isDictionaryKind, useDictionary, useUpdateDictionaryItem } from "../../../shared/dictionaries";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { usePermission } from "../../auth/api";
import { DictionaryItemForm, type DictionaryFormTarget } from "../components/DictionaryItemForm";

const KIND_FILTER = ["kind"] as const;

/** 数据字典 (SYS-7): the codes of one dictionary with both labels; add, relabel, enable or disable. */
export function DictionariesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  // The kind is in the URL, so a reload or a link opens the same dictionary.
  const { filters, setFilters } = useListUrlState<DictionaryItem, "kind">(KIND_FILTER);
  const kind = isDictionaryKind(filters.kind) ? filters.kind : "industry";
  const items = useDictionary(kind);
  const update = useUpdateDictionaryItem(kind);
  const [target, setTarget] = useState<DictionaryFormTarget>(null);
  const editable = can("dictionaries:update");

  const setEnabled = (item: DictionaryItem, enabled: boolean) =>
    update.mutate(
      { item, patch: { enabled } },
      {
        onSuccess: () => void message.success(t(enabled ? "dictionaries:enabledNow" : "dictionaries:disabledNow", { label: itemName(item) })),
        onError: (e) => onProblem(e),
      },
    );
  const itemName = (item: DictionaryItem) => `${item.label_zh} / ${item.label_en}`;

  const actions = useActionsColumn<DictionaryItem>({
    fixed: false,
    actions: [{ key: "edit", label: t("common:actions.edit"), permission: "dictionaries:update", onClick: (item) => setTarget({ item }), testId: "dictionary-edit" }],
  });

  const columns: TableColumnsType<DictionaryItem> = [
    { title: t("dictionaries:fields.code"), dataIndex: "code", key: "code" },
    { title: t("dictionaries:fields.label_zh"), dataIndex: "label_zh", key: "label_zh" },
    { title: t("dictionaries:fields.label_en"), dataIndex: "label_en", key: "label_en" },
    { title: t("dictionaries:fields.sort_order"), dataIndex: "sort_order", key: "sort_order", align: "right" },
    {
      title: t("dictionaries:fields.enabled"),
      dataIndex: "enabled",
      key: "enabled",
      render: (enabled: boolean, item) =>
        editable ? (
          <Switch
            size="small"
            checked={enabled}
            loading={update.isPending && update.variables?.item.code === item.code}
            onChange={(checked) => setEnabled(item, checked)}
            aria-label={t("dictionaries:fields.enabled")}
            data-testid={`dictionary-enabled-${item.code}`}
          />
        ) : enabled ? (
          <Tag color="green">{t("common:values.enabled")}</Tag>
        ) : (
          <Tag>{t("common:values.disabled")}</Tag>
        ),
    },
    ...actions,
  ];

  return (
    <ResourceListPage<DictionaryItem>
      title={t("dictionaries:title")}
      titleExtra={
        <Select
          value={kind}
          style={{ minWidth: 180 }}
          onChange={(next) => setFilters({ kind: next })}
          options={ALL_DICTIONARY_KINDS.map((k) => ({ value: k, label: t(`dictionaries:kinds.${k}`) }))}
          aria-label={t("dictionaries:kind")}
          data-testid="dictionary-kind"
        />
      }
      create={{ permission: "dictionaries:update", label: t("dictionaries:add"), testId: "dictionary-create", onClick: () => setTarget({ item: null }) }}
      table={{
        columns,
        rowKey: "code",
        dataSource: [...(items.data ?? [])].sort((a, b) => a.sort_order - b.sort_order),
        loading: items.isFetching,
        pagination: false,
      }}
      overlays={<DictionaryItemForm kind={kind} target={target} onClose={() => setTarget(null)} />}
    />
  );
}
