import { useEffect, useState } from "react";
import { Button, Empty, List, Modal, Radio, Select, Space, TreeSelect, Typography, App } from "antd";
import { ApartmentOutlined, DeleteOutlined, UserOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DriveShare, DriveShareInput } from "../../../api/types";
import { UserPicker } from "../../../shared/components/UserPicker";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { departmentNames, departmentTreeOptions, useDepartmentTree } from "../../../shared/lookups";
import { useSaveShares, useShares, type ShareTarget } from "../api";

type Row = DriveShareInput & { name: string };
type Access = DriveShare["access"];
type PrincipalType = DriveShare["principal_type"];

/**
 * 共享: who else may see (read) or also change (edit) a file or folder, as people and departments;
 * a folder's shares reach everything in it. Shows the current shares and saves the whole set.
 */
export function ShareModal({ target, name, onClose }: { target: ShareTarget | null; name?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const shares = useShares(target);
  const save = useSaveShares();
  const departments = useDepartmentTree();
  const [rows, setRows] = useState<Row[]>([]);
  const [type, setType] = useState<PrincipalType>("user");
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [access, setAccess] = useState<Access>("read");

  useEffect(() => {
    if (!shares.data) return;
    setRows(shares.data.items.map((s) => ({ principal_type: s.principal_type, principal_id: s.principal_id, access: s.access, name: s.principal_name ?? s.principal_id })));
  }, [shares.data]);
  useEffect(() => {
    setPicked(null);
    setType("user");
    setAccess("read");
  }, [target?.id]);

  const accessOptions = [
    { value: "read", label: t("drive:share.access.read") },
    { value: "edit", label: t("drive:share.access.edit") },
  ];
  const add = () => {
    if (!picked) return;
    setRows((old) => [...old.filter((r) => !(r.principal_type === type && r.principal_id === picked.id)), { principal_type: type, principal_id: picked.id, access, name: picked.name }]);
    setPicked(null);
  };
  const submit = () => {
    if (!target) return;
    save.mutate(
      { target, shares: rows.map(({ principal_type, principal_id, access: a }) => ({ principal_type, principal_id, access: a })) },
      {
        onSuccess: () => {
          void message.success(t("drive:share.saved"));
          onClose();
        },
        onError: (e) => onProblem(e),
      },
    );
  };
  const deptNames = departmentNames(departments.data ?? []);

  return (
    <Modal
      open={target !== null}
      title={t("drive:share.title", { name: name ?? "" })}
      onCancel={onClose}
      onOk={submit}
      okText={t("common:actions.save")}
      cancelText={t("common:actions.cancel")}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "drive-share-save", disabled: shares.isPending }}
      width="min(560px, 100vw)"
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(target?.kind === "folder" ? "drive:share.folderHint" : "drive:share.fileHint")}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: "100%" }} size={8}>
        <Radio.Group
          value={type}
          onChange={(e) => {
            setType(e.target.value as PrincipalType);
            setPicked(null);
          }}
          optionType="button"
          options={[
            { value: "user", label: t("drive:share.user") },
            { value: "department", label: t("drive:share.department") },
          ]}
        />
        <Space.Compact style={{ width: "100%" }}>
          {type === "user" ? (
            <UserPicker
              value={picked?.id ?? null}
              onChange={(id, option) => setPicked(id ? { id, name: option?.label ?? id } : null)}
              style={{ flex: 1, minWidth: 0 }}
              data-testid="drive-share-user"
            />
          ) : (
            <TreeSelect
              value={picked?.id}
              treeData={departmentTreeOptions(departments.data ?? [])}
              onChange={(id: string | undefined) => setPicked(id ? { id, name: deptNames.get(id) ?? id } : null)}
              placeholder={t("drive:share.pickDepartment")}
              treeDefaultExpandAll
              allowClear
              style={{ flex: 1, minWidth: 0 }}
              data-testid="drive-share-department"
            />
          )}
          <Select<Access> value={access} onChange={setAccess} options={accessOptions} style={{ width: 110 }} data-testid="drive-share-access" />
          <Button type="primary" onClick={add} disabled={!picked} data-testid="drive-share-add">
            {t("drive:share.add")}
          </Button>
        </Space.Compact>
        <List<Row>
          size="small"
          bordered
          loading={shares.isPending}
          dataSource={rows}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("drive:share.none")} /> }}
          data-testid="drive-share-list"
          renderItem={(row) => (
            <List.Item
              actions={[
                <Select<Access>
                  key="access"
                  size="small"
                  value={row.access}
                  options={accessOptions}
                  style={{ width: 100 }}
                  onChange={(a) => setRows((old) => old.map((r) => (r === row ? { ...r, access: a } : r)))}
                />,
                <Button
                  key="remove"
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("drive:share.remove")}
                  onClick={() => setRows((old) => old.filter((r) => r !== row))}
                />,
              ]}
            >
              <Space size={6} style={{ minWidth: 0 }}>
                {row.principal_type === "user" ? <UserOutlined /> : <ApartmentOutlined />}
                <Typography.Text ellipsis style={{ maxWidth: 220 }} data-testid="drive-share-name">
                  {row.name}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </Modal>
  );
}
