import { Button, Dropdown } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { FilePath, FileQuery } from "../../../api/client";
import { useFileDownload } from "../../../shared/hooks/useFileDownload";

type ReportFile = Extract<FilePath, `/api/v1/reports/${string}/export`>;

/** Downloads a report as Excel or CSV with the page's filters, in the UI's language. */
export function ReportExport<P extends ReportFile>({ path, query, name, testId }: { path: P; query: Omit<FileQuery<P>, "format">; name: string; testId: string }) {
  const { t } = useTranslation();
  const { download, downloading } = useFileDownload();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: (["xlsx", "csv"] as const).map((format) => ({ key: format, label: <span data-testid={`${testId}-${format}`}>{t(`common:fileFormats.${format}`)}</span> })),
        onClick: ({ key }) => {
          const format = key === "csv" ? "csv" : "xlsx";
          void download(path, { ...query, format } as FileQuery<P>, `${name}.${format}`);
        },
      }}
    >
      <Button size="small" icon={<DownloadOutlined />} loading={downloading} data-testid={testId} aria-label={t("common:actions.export")} />
    </Dropdown>
  );
}
