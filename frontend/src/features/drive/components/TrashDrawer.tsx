import { useState } from "react";
import { App, Button, Drawer, Grid, List, Space, Typography } from "antd";
import { FolderFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { problemText } from "../../../api/problem";
import { EmptyState } from "../../../shared/components/EmptyState";
import { formatBytes, formatDateTimeShort } from "../../../shared/format";
import { usePermission } from "../../auth/api";
import { useRestore, useTrash } from "../api";
import { FileIcon } from "../FileIcon";

/** 回收站: what the user deleted from the drive, each brought back with one click. */
export function TrashDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const phone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const trash = useTrash(page, open);
  const restore = useRestore();
  const items = trash.data?.items ?? [];
  return (
    <Drawer open={open} onClose={onClose} title={t("drive:trash.title")} width={phone ? "100%" : 520} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t("drive:trash.hint")}</Typography.Paragraph>
      {!trash.isFetching && items.length === 0 ? (
        <EmptyState testId="drive-trash-empty" title={t("drive:trash.empty")} />
      ) : (
        <List
          data-testid="drive-trash"
          loading={trash.isFetching}
          dataSource={items}
          pagination={(trash.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: trash.data?.total, onChange: setPage, size: "small" } : false}
          renderItem={(item) => (
            <List.Item
              data-testid="drive-trash-item"
              actions={
                can("files:delete")
                  ? [
                      <Button
                        key="restore"
                        size="small"
                        loading={restore.isPending && restore.variables?.id === item.id}
                        data-testid="drive-trash-restore"
                        onClick={() =>
                          restore.mutate(
                            { kind: item.kind, id: item.id },
                            {
                              onSuccess: () => void message.success(t("drive:trash.restored", { name: item.name })),
                              onError: (error) => void message.error(problemText(error)),
                            },
                          )
                        }
                      >
                        {t("drive:trash.restore")}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                avatar={item.kind === "folder" ? <FolderFilled style={{ color: "#faad14", fontSize: 18 }} /> : <FileIcon file={{ mime: item.mime ?? "", name: item.name }} />}
                title={<span style={{ wordBreak: "break-all" }}>{item.name}</span>}
                description={
                  <Space size={8} wrap>
                    {item.size !== null && item.size !== undefined && <span>{formatBytes(item.size)}</span>}
                    <span>{t("drive:trash.deletedAt", { time: formatDateTimeShort(item.deleted_at) })}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
