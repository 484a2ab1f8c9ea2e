import { Select, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { components } from "../../../api/schema";
import { formatDateTime } from "../../../shared/format";
import { ConfirmAction } from "../../../shared/components/ConfirmDelete";
import { ResourceListPage } from "../../../shared/resource/ResourceListPage";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { entityName as sharedEntityName } from "../../../shared/systemText";
import { useUserNames } from "../../../shared/userNames";
import { usePermission } from "../../auth/api";
import { isRecycleEntity, RECYCLE_ENTITIES, useRecycleBin, useRestore } from "../api";

type RecycleBinItem = components["schemas"]["RecycleBinItem"];

const ENTITY_FILTER = ["entity"] as const;

/** 回收站 (SYS-8): deleted records of one kind, who deleted them and when, and putting them back. */
export function RecycleBinPage() {
  const { t } = useTranslation();
  const can = usePermission();
  // The entity and the page are in the URL, so a reload or a link shows the same list.
  const { filters, setFilters, paged } = useListUrlState<RecycleBinItem, "entity">(ENTITY_FILTER);
  const entity = isRecycleEntity(filters.entity) ? filters.entity : "users";
  const bin = useRecycleBin(entity, { page: paged.params.page, page_size: paged.params.page_size });
  const deleters = useUserNames((bin.data?.items ?? []).map((item) => item.deleted_by));
  const restore = useRestore();
  const none = t("common:values.none");
  const entityName = (e: string) => t(`recycleBin:entities.${e}`, { defaultValue: sharedEntityName(t, e) });

  const columns: TableColumnsType<RecycleBinItem> = [
    { title: t("recycleBin:fields.label"), dataIndex: "label", key: "label" },
    { title: t("recycleBin:fields.entity"), dataIndex: "entity", key: "entity", render: entityName },
    {
      title: t("recycleBin:fields.deleted_by"),
      dataIndex: "deleted_by",
      key: "deleted_by",
      render: (id: string | null) => (id ? (deleters.get(id) ?? t("recycleBin:unknownUser")) : none),
    },
    { title: t("recycleBin:fields.deleted_at"), dataIndex: "deleted_at", key: "deleted_at", render: (v: string) => formatDateTime(v, none) },
    ...(can("recycle_bin:restore")
      ? [
          {
            title: t("common:actions.actions"),
            key: "actions",
            render: (_: unknown, item: RecycleBinItem) => (
              <ConfirmAction
                question={t("recycleBin:confirmRestore", { name: item.label, entity: entityName(item.entity) })}
                label={t("recycleBin:restore")}
                onConfirm={() => restore.mutateAsync({ entity, id: item.id })}
                doneMessage={t("recycleBin:restored", { name: item.label })}
                testId="recycle-restore"
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <ResourceListPage<RecycleBinItem>
      title={t("recycleBin:title")}
      titleExtra={
        <Select
          value={entity}
          style={{ minWidth: 160 }}
          onChange={(next) => setFilters({ entity: next })}
          options={RECYCLE_ENTITIES.map((e) => ({ value: e, label: entityName(e) }))}
          aria-label={t("recycleBin:fields.entity")}
          data-testid="recycle-entity"
        />
      }
      table={{ columns, list: bin, paged, locale: { emptyText: t("recycleBin:empty") } }}
    />
  );
}
