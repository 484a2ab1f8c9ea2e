import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { DriveFile, DriveFolder } from "../../../api/types";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { filesApi, foldersApi } from "../api";

export type RenameTarget = { kind: "file"; record: DriveFile } | { kind: "folder"; record: DriveFolder } | null;

/** Renames a file or folder (If-Match with its version); the server's field errors show on the name. */
export function RenameModal({ target, onClose }: { target: RenameTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const updateFile = filesApi.useUpdate();
  const updateFolder = foldersApi.useUpdate();
  const submit = ({ name }: { name: string }) =>
    target?.kind === "folder"
      ? updateFolder.mutateAsync({ record: target.record, patch: { name: name.trim() } })
      : updateFile.mutateAsync({ record: target!.record, patch: { name: name.trim() } });
  return (
    <ResourceFormDrawer<{ name: string }>
      container="modal"
      open={target !== null}
      title={t("drive:rename.title")}
      onClose={onClose}
      recordKey={target?.record.id}
      initialValues={{ name: target?.record.name ?? "" }}
      onSubmit={submit}
      successMessage={t("drive:rename.done")}
      saveTestId="drive-rename-save"
    >
      <Form.Item name="name" label={t("drive:fields.name")} rules={[{ required: true, whitespace: true, message: t("drive:rename.required") }]}>
        <Input maxLength={255} autoFocus data-testid="drive-rename-input" />
      </Form.Item>
    </ResourceFormDrawer>
  );
}
