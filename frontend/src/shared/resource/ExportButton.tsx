import { App, Button, Dropdown, type MenuProps } from "antd";
import { DownloadOutlined, DownOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { PermissionCode } from "../../api/types";
import { usePermission } from "../../features/auth/api";
import { useStartExport } from "../../features/exports/api";
import { backgroundList, listQuery, type BackgroundList } from "../../features/exports/lists";
import { EXPORTS_PATH } from "../../features/exports/routes";
import { useProblemHandler } from "../hooks/useProblemHandler";
import type { ExportFormat } from "./resourceApi";

/** The formats offered, the spreadsheet first: what most people open. */
const FORMATS: readonly ExportFormat[] = ["xlsx", "csv"];

type Props<Q extends { format: ExportFormat }> = {
  /**
   * A resource's `useExport(name)` (or `useFileExport(path, name)` for a list without a resourceApi).
   * Its `path` names the list, which the background export asks for.
   */
  exporter: { download: (query: Q) => Promise<unknown>; downloading: boolean; path?: string };
  /** The list's query as it stands (filters and sort, no paging): the file holds every page of it. */
  query: Omit<Q, "format">;
  /** Who may export; the button is absent for the others. */
  permission: PermissionCode;
  /** The button's test id; each format's entry is `<testId>-xlsx` / `<testId>-csv`, in the background `<testId>-background-xlsx`. */
  testId: string;
};

/**
 * A list's export: Excel or CSV of what the list shows, all pages, in the UI's language — downloaded
 * now, or made in the background into the user's drive (a large list need not keep the page waiting).
 */
export function ExportButton<Q extends { format: ExportFormat }>({ exporter, query, permission, testId }: Props<Q>) {
  const { t } = useTranslation();
  const can = usePermission();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onProblem = useProblemHandler();
  const start = useStartExport();
  if (!can(permission)) return null;
  const list = exporter.path && can("exports:create") ? backgroundList(exporter.path) : undefined;

  const inBackground = (list: BackgroundList, format: ExportFormat) =>
    start.mutate(
      { list, format, query: listQuery(query as Record<string, unknown>) },
      {
        onSuccess: () =>
          void message.success({
            key: "background-export",
            duration: 8,
            content: (
              <span data-testid="background-export-started">
                {t("exports:started")}{" "}
                <a onClick={() => navigate(EXPORTS_PATH)} data-testid="background-export-mine">
                  {t("exports:mine")}
                </a>
              </span>
            ),
          }),
        onError: (error) => onProblem(error),
      },
    );

  const items: MenuProps["items"] = [
    ...FORMATS.map((format) => ({ key: format, label: <span data-testid={`${testId}-${format}`}>{t(`common:fileFormats.${format}`)}</span> })),
    ...(list
      ? [
          { type: "divider" as const },
          ...FORMATS.map((format) => ({
            key: `background-${format}`,
            label: <span data-testid={`${testId}-background-${format}`}>{t("exports:inBackground", { format: t(`common:fileFormats.${format}`) })}</span>,
          })),
        ]
      : []),
  ];
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items,
        onClick: ({ key }) => {
          const format: ExportFormat = key.endsWith("xlsx") ? "xlsx" : "csv";
          if (key.startsWith("background-") && list) inBackground(list, format);
          else void exporter.download({ ...query, format } as Q);
        },
      }}
    >
      <Button icon={<DownloadOutlined />} loading={exporter.downloading || start.isPending} data-testid={testId}>
        {t("common:actions.export")} <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
