import type { ReactNode } from "react";
import { Button, Card, Grid, Result, Skeleton, Space, Tabs, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/problem";
import { usePermission } from "../../features/auth/api";
import { ChangeHistory, type HistoryReading } from "./ChangeHistory";

export type DetailTab = { key: string; label: string; children: ReactNode };

type Props<T> = {
  /** The record's query. */
  record: { data?: T; isPending: boolean; isError: boolean; error: unknown };
  /** The list the page belongs to. */
  listPath: string;
  /** "Back to the list" and "not found", in the module's words. */
  backLabel: string;
  notFoundLabel: string;
  title: (record: T) => ReactNode;
  titleTestId?: string;
  /** Tags beside the title. */
  titleExtra?: (record: T) => ReactNode;
  /** Lines under the title: the number, the owner… */
  subtitle?: (record: T) => ReactNode;
  /** Header buttons: edit, delete, the module's own moves. */
  actions?: (record: T) => ReactNode;
  tabs: (record: T) => DetailTab[];
  /** Adds a change-history tab (for users who may read the operation log). */
  history?: HistoryReading & { entity: string; cacheName?: string; id: (record: T) => string; label: string; testId?: string };
  /** Drawers and modals the page opens. */
  overlays?: (record: T) => ReactNode;
};

/**
 * A record's page: a header with back, title and actions, then tabs whose choice is in the URL
 * (`?tab=`), so a reload or a shared link opens the same tab.
 */
export function ResourceDetailPage<T>({ record, listPath, backLabel, notFoundLabel, title, titleTestId, titleExtra, subtitle, actions, tabs, history, overlays }: Props<T>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const [searchParams, setSearchParams] = useSearchParams();
  // Beside the back button the lines under the title line up with it; a phone needs the width.
  const indent = Grid.useBreakpoint().md === false ? 0 : 40;

  if (record.isPending) return <Card><Skeleton active /></Card>;
  if (record.isError || record.data === undefined) {
    const status = record.error instanceof ApiError ? record.error.status : 0;
    return (
      <Result
        status={status === 404 ? "404" : status === 403 ? "403" : "error"}
        title={status === 404 ? notFoundLabel : t("common:messages.loadFailed")}
        extra={
          <Link to={listPath}>
            <Button type="primary">{backLabel}</Button>
          </Link>
        }
      />
    );
  }

  const r = record.data;
  const items = [
    ...tabs(r),
    ...(history && can("audit_logs:read")
      ? [
          {
            key: "history",
            label: history.label,
            children: (
              <ChangeHistory
                entity={history.entity}
                entityId={history.id(r)}
                cacheName={history.cacheName}
                fields={history.fields}
                fieldLabel={history.fieldLabel}
                valueText={history.valueText}
                actionLabel={history.actionLabel}
                userFields={history.userFields}
                hiddenFields={history.hiddenFields}
                testId={history.testId}
              />
            ),
          },
        ]
      : []),
  ];
  const first = items[0]?.key;
  const asked = searchParams.get("tab");
  const active = items.some((item) => item.key === asked) ? (asked as string) : first;
  // Back to the list as it was (its filters are in its URL) when the user came from it; else to the plain list.
  const back = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate(listPath));

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between", alignItems: "flex-start" }} wrap>
          <Space direction="vertical" size={4}>
            <Space wrap align="center">
              <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={backLabel} />
              <Typography.Title level={4} style={{ margin: 0 }} data-testid={titleTestId}>
                {title(r)}
              </Typography.Title>
              {titleExtra?.(r)}
            </Space>
            {subtitle && (
              <Space wrap size="large" style={{ paddingInlineStart: indent }}>
                {subtitle(r)}
              </Space>
            )}
          </Space>
          {actions && <Space wrap>{actions(r)}</Space>}
        </Space>
      </Card>
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setSearchParams(key === first ? {} : { tab: key }, { replace: true })}
          items={items}
          destroyOnHidden
        />
      </Card>
      {overlays?.(r)}
    </Space>
  );
}
