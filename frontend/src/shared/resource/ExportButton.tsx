import { Button, Dropdown } from "antd";
import { DownloadOutlined, DownOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { PermissionCode } from "../../api/types";
import { usePermission } from "../../features/auth/api";
import type { ExportFormat } from "./resourceApi";

/** The formats offered, the spreadsheet first: what most people open. */
const FORMATS: readonly ExportFormat[] = ["xlsx", "csv"];

type Props<Q extends { format: ExportFormat }> = {
  /** A resource's `useExport(name)` (or `useFileExport(path, name)` for a list without a resourceApi). */
  exporter: { download: (query: Q) => Promise<unknown>; downloading: boolean };
  /** The list's query as it stands (filters and sort, no paging): the file holds every page of it. */
  query: Omit<Q, "format">;
  /** Who may export; the button is absent for the others. */
  permission: PermissionCode;
  /** The button's test id; each format's entry is `<testId>-xlsx` / `<testId>-csv`. */
  testId: string;
};

/** A list page's export: Excel or CSV of what the list shows, all pages, in the UI's language. */
export function ExportButton<Q extends { format: ExportFormat }>({ exporter, query, permission, testId }: Props<Q>) {
  const { t } = useTranslation();
  const can = usePermission();
  if (!can(permission)) return null;
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: FORMATS.map((format) => ({ key: format, label: <span data-testid={`${testId}-${format}`}>{t(`common:fileFormats.${format}`)}</span> })),
        onClick: ({ key }) => {
          const format: ExportFormat = key === "xlsx" ? "xlsx" : "csv";
          void exporter.download({ ...query, format } as Q);
        },
      }}
    >
      <Button icon={<DownloadOutlined />} loading={exporter.downloading} data-testid={testId}>
        {t("common:actions.export")} <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
