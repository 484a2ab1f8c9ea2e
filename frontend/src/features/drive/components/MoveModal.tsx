import { useEffect, useState, type ReactNode } from "react";
import { App, Modal, Tree, Typography } from "antd";
import { FolderOutlined, HomeOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import type { DriveFile, DriveFolder, DriveSpace } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { filesApi, foldersApi } from "../api";

export type MoveTarget = { kind: "file"; record: DriveFile } | { kind: "folder"; record: DriveFolder } | null;

type Node = { key: string; title: string; icon?: ReactNode; isLeaf?: boolean; disabled?: boolean; children?: Node[] };

const ROOT = "root";

/** The tree's nodes with `children` set under `key`. */
function withChildren(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((node) => (node.key === key ? { ...node, children } : node.children ? { ...node, children: withChildren(node.children, key, children) } : node));
}

/**
 * 移动: picks a folder of the same space (or its top) in a tree whose branches load as they open
 * (GET /folders?parent_id=), and moves the file or folder there. A folder cannot go into itself.
 */
export function MoveModal({ target, onClose }: { target: MoveTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const updateFile = filesApi.useUpdate();
  const updateFolder = foldersApi.useUpdate();
  const space: DriveSpace | null | undefined = target?.record.space;
  const movingFolder = target?.kind === "folder" ? target.record.id : undefined;
  const [tree, setTree] = useState<Node[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const children = async (parent: string): Promise<Node[]> => {
    const page = await unwrap(api.GET("/api/v1/folders", { params: { query: { ...(space ? { space } : {}), parent_id: parent, page: 1, page_size: 200, sort: "name" } } }));
    return page.items.map((f) => ({ key: f.id, title: f.name, icon: <FolderOutlined />, disabled: f.id === movingFolder }));
  };

  useEffect(() => {
    if (!target || !space) return;
    setChosen(null);
    setTree([{ key: ROOT, title: t(`drive:spaces.${space}`), icon: <HomeOutlined /> }]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new target starts a new tree
  }, [target?.record.id]);

  const current = target?.kind === "file" ? (target.record.folder_id ?? ROOT) : (target?.record.parent_id ?? ROOT);

  const move = () => {
    if (!target || chosen === null) return;
    const folder_id = chosen === ROOT ? null : chosen;
    setSaving(true);
    const write =
      target.kind === "file"
        ? updateFile.mutateAsync({ record: target.record, patch: { folder_id } })
        : updateFolder.mutateAsync({ record: target.record, patch: { folder_id } });
    write
      .then(() => {
        void message.success(t("drive:move.done", { name: target.record.name }));
        onClose();
      }, (e: unknown) => onProblem(e))
      .finally(() => setSaving(false));
  };

  return (
    <Modal
      open={target !== null}
      title={target ? t("drive:move.title", { name: target.record.name }) : undefined}
      onCancel={onClose}
      onOk={move}
      okText={t("drive:move.ok")}
      cancelText={t("common:actions.cancel")}
      okButtonProps={{ disabled: chosen === null || chosen === current, "data-testid": "drive-move-ok" }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("drive:move.hint")}</Typography.Paragraph>
      <div style={{ maxHeight: 360, overflow: "auto" }} data-testid="drive-move-tree">
        <Tree<Node>
          showIcon
          blockNode
          treeData={tree}
          selectedKeys={chosen ? [chosen] : []}
          onSelect={(keys) => setChosen(keys.length > 0 ? String(keys[0]) : null)}
          loadData={async (node) => {
            if (node.children) return;
            try {
              const list = await children(String(node.key));
              setTree((old) => withChildren(old, String(node.key), list));
            } catch (e) {
              onProblem(e);
            }
          }}
        />
      </div>
    </Modal>
  );
}
