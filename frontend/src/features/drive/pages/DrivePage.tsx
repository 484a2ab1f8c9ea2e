import { useState, type ReactNode } from "react";
import { Breadcrumb, Button, Card, Col, Form, Grid, Input, Menu, Progress, Row, Select, Space, Table, Typography, Upload, type TableColumnsType } from "antd";
import {
  ApartmentOutlined,
  BankOutlined,
  DeleteOutlined,
  FolderAddOutlined,
  FolderFilled,
  ShareAltOutlined,
  UploadOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DriveFile, DriveFolder } from "../../../api/types";
import { EmptyState } from "../../../shared/components/EmptyState";
import { formatBytes, formatDateTimeShort } from "../../../shared/format";
import { ResourceFormDrawer } from "../../../shared/resource/ResourceFormDrawer";
import { useActionsColumn } from "../../../shared/resource/rowActions";
import { useListUrlState } from "../../../shared/resource/useListUrlState";
import { useMe, usePermission } from "../../auth/api";
import { filesApi, foldersApi, useQuota } from "../api";
import { destination, DRIVE_PARAMS, DRIVE_VIEWS, driveParams, fileListQuery, folderListQuery, mayChangeIn, readDriveLocation, uploadFields, type DriveLocation, type DriveView } from "../driveLocation";
import { FileIcon } from "../FileIcon";
import { MoveModal, type MoveTarget } from "../components/MoveModal";
import { RenameModal, type RenameTarget } from "../components/RenameModal";
import { DropZone } from "../components/DropZone";
import { ShareModal } from "../components/ShareModal";
import { TrashDrawer } from "../components/TrashDrawer";
import { useFileOpen } from "../components/useFileOpen";
import { useUploads } from "../components/useUploads";
import type { ShareTarget } from "../api";

type DriveRow = { kind: "folder"; id: string; record: DriveFolder } | { kind: "file"; id: string; record: DriveFile };

const VIEW_ICONS: Record<DriveView, ReactNode> = {
  personal: <UserOutlined />,
  department: <ApartmentOutlined />,
  company: <BankOutlined />,
  shared: <ShareAltOutlined />,
};

/** The user's own quota as a bar: used of the limit. */
function QuotaBar() {
  const { t } = useTranslation();
  const quota = useQuota();
  if (!quota.data) return null;
  const { used, limit } = quota.data.user;
  const percent = limit > 0 ? Math.min(100, (used / limit) * 100) : 0;
  return (
    <div data-testid="drive-quota">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("drive:quota.label")}
      </Typography.Text>
      <Progress percent={Math.round(percent * 10) / 10} showInfo={false} size="small" status={percent >= 90 ? "exception" : "normal"} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="drive-quota-text">
        {t("drive:quota.used", { used: formatBytes(used), limit: formatBytes(limit) })}
      </Typography.Text>
    </div>
  );
}

/**
 * 网盘: folders and files in the user's own space, their department's and the company's, and what
 * colleagues share with them. The URL holds the space, the folder and the search, so a reload and
 * Back return to the same place. Folders first, then the folder's files (paged); upload by button
 * or by dropping files; new folder, rename, move, share, delete, preview and download as the
 * user's permissions allow (the company space only with `files:manage`).
 */
export function DrivePage() {
  const { t } = useTranslation();
  const can = usePermission();
  const phone = Grid.useBreakpoint().md === false;
  const { filters, setFilters, paged } = useListUrlState<DriveRow, (typeof DRIVE_PARAMS)[number]>(DRIVE_PARAMS, "name");
  const here = readDriveLocation(filters);
  const go = (next: DriveLocation) => setFilters(driveParams(next));
  const folder = foldersApi.useGet(here.folder ?? "", { enabled: !!here.folder });
  const folders = foldersApi.useList(folderListQuery(here));
  const files = filesApi.useList(fileListQuery(here, paged.params));
  const removeFile = filesApi.useDelete();
  const removeFolder = foldersApi.useDelete();
  const createFolder = foldersApi.useCreate();
  const open = useFileOpen();
  const [renaming, setRenaming] = useState<RenameTarget>(null);
  const [moving, setMoving] = useState<MoveTarget>(null);
  const [sharing, setSharing] = useState<(ShareTarget & { name: string }) | null>(null);
  const [creating, setCreating] = useState(false);
  const [trashOpen, setTrashOpen] = useState(false);
  const [search, setSearch] = useState(here.q ?? "");
  const uploads = useUploads({ fields: uploadFields(here) });

  const { data: me } = useMe();
  // A department's space is its members': someone in none has nothing there and cannot add to it.
  const noDepartment = here.view === "department" && !!me && !me.department_id;
  const writable = mayChangeIn(here.view, can) && !noDepartment;
  const target = destination(here);
  const mayAdd = writable && target !== null && can("files:create");
  const inShared = here.view === "shared";
  const none = t("common:values.none");

  const rows: DriveRow[] = [
    ...(paged.params.page === 1 ? (folders.data?.items ?? []).map((f): DriveRow => ({ kind: "folder", id: `folder:${f.id}`, record: f })) : []),
    ...(files.data?.items ?? []).map((f): DriveRow => ({ kind: "file", id: `file:${f.id}`, record: f })),
  ];

  const openFolder = (f: DriveFolder) => {
    setSearch("");
    go({ view: here.view, folder: f.id });
  };
  const actions = useActionsColumn<DriveRow>({
    fixed: false,
    inline: phone ? 0 : 1,
    actions: [
      { key: "open", label: t("drive:actions.open"), hidden: (r) => r.kind !== "folder", onClick: (r) => (r.kind === "folder" ? openFolder(r.record) : undefined), testId: "drive-open" },
      { key: "download", label: t("drive:actions.download"), permission: "files:read", hidden: (r) => r.kind !== "file", onClick: (r) => (r.kind === "file" ? open.download(r.record) : undefined), testId: "drive-download" },
      {
        key: "preview",
        label: t("drive:actions.preview"),
        permission: "files:read",
        hidden: (r) => r.kind !== "file" || !r.record.previewable,
        onClick: (r) => (r.kind === "file" ? open.preview(r.record) : undefined),
        testId: "drive-preview",
      },
      { key: "rename", label: t("drive:actions.rename"), permission: "files:update", hidden: () => !writable, onClick: (r) => setRenaming(r.kind === "file" ? { kind: "file", record: r.record } : { kind: "folder", record: r.record }), testId: "drive-rename" },
      {
        key: "move",
        label: t("drive:actions.move"),
        permission: "files:update",
        // What others share keeps its place in their space.
        hidden: () => !writable || inShared,
        onClick: (r) => setMoving(r.kind === "file" ? { kind: "file", record: r.record } : { kind: "folder", record: r.record }),
        testId: "drive-move",
      },
      {
        key: "share",
        label: t("drive:actions.share"),
        permission: "files:share",
        hidden: () => !writable,
        onClick: (r) => setSharing({ kind: r.kind, id: r.record.id, name: r.record.name }),
        testId: "drive-share",
      },
    ],
    remove: {
      permission: "files:delete",
      name: (r) => r.record.name,
      onDelete: (r) => (r.kind === "file" ? removeFile.mutateAsync(r.record) : removeFolder.mutateAsync(r.record)),
      blockedReason: () => (writable ? undefined : t("drive:companyReadOnly")),
      testId: "drive-delete",
    },
  });

  const nameCell = (row: DriveRow) =>
    row.kind === "folder" ? (
      <Space size={8} align="start">
        <FolderFilled style={{ color: "#faad14", fontSize: 18 }} aria-hidden />
        <Typography.Link onClick={() => openFolder(row.record)} style={{ wordBreak: "break-all" }} data-testid="drive-folder-name">
          {row.record.name}
        </Typography.Link>
      </Space>
    ) : (
      <Space size={8} align="start">
        <FileIcon file={row.record} />
        <Typography.Link
          onClick={() => {
            const file = row.record;
            void (file.previewable ? open.preview(file) : open.download(file));
          }}
          style={{ wordBreak: "break-all" }}
          data-testid="drive-file-name"
        >
          {row.record.name}
        </Typography.Link>
      </Space>
    );
  const owner = (row: DriveRow) => (row.kind === "folder" ? row.record.created_by_name : row.record.uploaded_by_name) || none;
  const size = (row: DriveRow) => (row.kind === "file" ? formatBytes(row.record.size) : none);

  const columns: TableColumnsType<DriveRow> = phone
    ? [
        {
          key: "card",
          title: t("drive:fields.name"),
          render: (_, row) => (
            <Space direction="vertical" size={2} style={{ width: "100%" }} data-testid="drive-card">
              {nameCell(row)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[...(row.kind === "file" ? [size(row)] : []), owner(row), formatDateTimeShort(row.record.updated_at)].join(" · ")}
              </Typography.Text>
            </Space>
          ),
        },
        ...actions,
      ]
    : [
        { key: "name", title: t("drive:fields.name"), render: (_, row) => nameCell(row) },
        { key: "size", title: t("drive:fields.size"), width: 100, align: "right", render: (_, row) => <span style={{ whiteSpace: "nowrap" }}>{size(row)}</span> },
        { key: "owner", title: t("drive:fields.owner"), width: 180, render: (_, row) => owner(row) },
        { key: "updated_at", title: t("drive:fields.updatedAt"), width: 150, render: (_, row) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTimeShort(row.record.updated_at)}</span> },
        ...actions,
      ];

  const spaceName = (view: DriveView) => t(`drive:spaces.${view}`);
  const crumbs = [
    { key: "top", title: here.folder || here.q ? <a onClick={() => go({ view: here.view })}>{spaceName(here.view)}</a> : spaceName(here.view) },
    ...(here.folder && folder.data
      ? [
          ...folder.data.ancestors.map((a) => ({ key: a.id, title: <a onClick={() => go({ view: here.view, folder: a.id })}>{a.name}</a> })),
          { key: folder.data.id, title: folder.data.name },
        ]
      : []),
    ...(here.q ? [{ key: "q", title: t("drive:search.crumb", { q: here.q }) }] : []),
  ];

  const empty = (() => {
    if (here.q) return <EmptyState testId="drive-empty" title={t("drive:empty.searchTitle", { q: here.q })} description={t("drive:empty.searchHint")} actions={[{ label: t("drive:search.clear"), onClick: () => { setSearch(""); go({ view: here.view }); } }]} />;
    if (noDepartment) return <EmptyState testId="drive-empty" title={t("drive:empty.noDepartmentTitle")} description={t("drive:empty.noDepartmentHint")} />;
    if (inShared && !here.folder) return <EmptyState testId="drive-empty" title={t("drive:empty.sharedTitle")} description={t("drive:empty.sharedHint")} />;
    if (!writable) return <EmptyState testId="drive-empty" title={t("drive:empty.title")} description={t("drive:companyReadOnly")} />;
    return (
      <EmptyState
        testId="drive-empty"
        title={here.folder ? t("drive:empty.folderTitle") : t("drive:empty.title")}
        description={mayAdd ? t("drive:empty.hint") : undefined}
        actions={mayAdd ? [{ label: t("drive:actions.newFolder"), onClick: () => setCreating(true), icon: <FolderAddOutlined />, testId: "drive-empty-new-folder" }] : []}
      />
    );
  })();

  const spacePicker = phone ? (
    <Select<DriveView>
      value={here.view}
      onChange={(view) => {
        setSearch("");
        go({ view });
      }}
      options={DRIVE_VIEWS.map((view) => ({ value: view, label: <Space size={6}>{VIEW_ICONS[view]}{spaceName(view)}</Space> }))}
      style={{ width: "100%" }}
      data-testid="drive-space-select"
    />
  ) : (
    <Menu
      mode="inline"
      selectedKeys={[here.view]}
      style={{ borderInlineEnd: "none" }}
      items={DRIVE_VIEWS.map((view) => ({ key: view, icon: VIEW_ICONS[view], label: <span data-testid={`drive-space-${view}`}>{spaceName(view)}</span> }))}
      onClick={({ key }) => {
        setSearch("");
        go({ view: key as DriveView });
      }}
    />
  );

  const searchBox = (
    <Input.Search
      allowClear
      value={search}
      onChange={(e) => {
        setSearch(e.target.value);
        if (e.target.value === "" && here.q) go({ view: here.view, folder: here.folder });
      }}
      onSearch={(q) => go({ view: here.view, q: q.trim() || undefined, folder: q.trim() ? undefined : here.folder })}
      placeholder={t("drive:search.placeholder", { space: spaceName(here.view) })}
      style={{ width: phone ? "100%" : 240 }}
      data-testid="drive-search"
    />
  );
  const buttons = (
    <>
      {mayAdd && (
        <Button icon={<FolderAddOutlined />} onClick={() => setCreating(true)} data-testid="drive-new-folder">
          {t("drive:actions.newFolder")}
        </Button>
      )}
      {mayAdd && (
        <Upload {...uploads} showUploadList={phone}>
          <Button type="primary" icon={<UploadOutlined />} data-testid="drive-upload">
            {t("drive:actions.upload")}
          </Button>
        </Upload>
      )}
    </>
  );
  // On a phone the search takes the whole width above the buttons.
  const toolbar = phone ? (
    <div style={{ display: "flex", flexDirection: "column", gap: 8, width: "100%" }}>
      {searchBox}
      <Space wrap>{buttons}</Space>
    </div>
  ) : (
    <Space wrap>
      {searchBox}
      {buttons}
    </Space>
  );

  const trashLink = (
    <Button type="link" size="small" icon={<DeleteOutlined />} style={{ padding: 0, marginTop: 8 }} onClick={() => setTrashOpen(true)} data-testid="drive-trash-open">
      {t("drive:trash.title")}
    </Button>
  );

  const list = (
    <Card styles={{ body: { padding: phone ? 12 : 24 } }}>
      <Space direction="vertical" size={12} style={{ display: "flex" }}>
        {phone && spacePicker}
        <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 12, alignItems: "center" }}>
          <Breadcrumb items={crumbs} data-testid="drive-breadcrumb" style={{ minWidth: 0, wordBreak: "break-all" }} />
          {toolbar}
        </div>
        {/* Nothing is dragged on a phone: the button alone, with the progress under it. */}
        {mayAdd && !phone && <DropZone uploads={uploads} testId="drive-dropzone" />}
        <Table<DriveRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={folders.isFetching || files.isFetching}
          showHeader={!phone}
          scroll={phone ? undefined : { x: "max-content" }}
          locale={folders.data && files.data ? { emptyText: empty } : undefined}
          {...paged.tableProps(files.data?.total, files.data?.total_exact)}
          pagination={(files.data?.total ?? 0) > paged.params.page_size ? paged.tableProps(files.data?.total, files.data?.total_exact).pagination : false}
          data-testid="drive-table"
        />
        {phone && <QuotaBar />}
        {phone && trashLink}
      </Space>
    </Card>
  );

  return (
    <>
      {phone ? (
        list
      ) : (
        <Row gutter={16} wrap={false}>
          <Col flex="220px">
            <Card styles={{ body: { padding: 12 } }}>
              <Typography.Title level={5} style={{ margin: "4px 12px 8px" }}>
                {t("drive:title")}
              </Typography.Title>
              {spacePicker}
              <div style={{ padding: "12px 12px 4px" }}>
                <QuotaBar />
                {trashLink}
              </div>
            </Card>
          </Col>
          <Col flex="auto" style={{ minWidth: 0 }}>
            {list}
          </Col>
        </Row>
      )}
      <ResourceFormDrawer<{ name: string }>
        container="modal"
        open={creating}
        title={t("drive:newFolder.title")}
        onClose={() => setCreating(false)}
        initialValues={{ name: "" }}
        onSubmit={({ name }) =>
          createFolder.mutateAsync({ name: name.trim(), ...(target && "folder_id" in target ? { parent_id: target.folder_id } : target ? { space: target.space } : {}) })
        }
        successMessage={t("drive:newFolder.done")}
        saveTestId="drive-new-folder-save"
      >
        <Form.Item name="name" label={t("drive:fields.name")} rules={[{ required: true, whitespace: true, message: t("drive:rename.required") }]}>
          <Input maxLength={255} autoFocus data-testid="drive-new-folder-name" />
        </Form.Item>
      </ResourceFormDrawer>
      <RenameModal target={renaming} onClose={() => setRenaming(null)} />
      <MoveModal target={moving} onClose={() => setMoving(null)} />
      <ShareModal target={sharing} name={sharing?.name} onClose={() => setSharing(null)} />
      {open.viewer}
      <TrashDrawer open={trashOpen} onClose={() => setTrashOpen(false)} />
    </>
  );
}
