import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Dropdown, type MenuProps } from "antd";
import { DownloadOutlined, DownOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { PermissionCode } from "../../api/types";
import { usePermission } from "../../features/auth/api";
import { backgroundList, listQuery, type BackgroundList } from "../../features/exports/lists";
import { useProblemHandler } from "../hooks/useProblemHandler";
import { useTimeZone } from "../timeZone";
import type { ExportFormat } from "./resourceApi";

/**
 * My exports (`features/exports/routes.tsx`), written out: importing the route module, which the
 * menu loads on the first page, would let the bundler merge this button's chunk into that page.
 */
const MY_EXPORTS = "/exports";

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
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onProblem = useProblemHandler();
  const { zone } = useTimeZone();
  const queryClient = useQueryClient();
  const [starting, setStarting] = useState(false);
  if (!can(permission)) return null;
  // The server keeps the file in the person's drive, so it asks for files:create too.
  const list = exporter.path && can("exports:create") && can("files:create") ? backgroundList(exporter.path) : undefined;

  const inBackground = async (list: BackgroundList, format: ExportFormat) => {
    setStarting(true);
    try {
      const { startExport } = await import("../../features/exports/start");
      await startExport({ list, format, query: listQuery(query as Record<string, unknown>), raw: false, tz: zone }, i18n.language);
      void queryClient.invalidateQueries({ queryKey: ["exports"] });
      void message.success({
        key: "background-export",
        duration: 8,
        content: (
          <span data-testid="background-export-started">
            {t("exports:started")}{" "}
            <a onClick={() => navigate(MY_EXPORTS)} data-testid="background-export-mine">
              {t("exports:mine")}
            </a>
          </span>
        ),
      });
    } catch (error) {
      onProblem(error);
    } finally {
      setStarting(false);
    }
  };

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
          if (key.startsWith("background-") && list) void inBackground(list, format);
          else void exporter.download({ ...query, format } as Q);
        },
      }}
    >
      <Button icon={<DownloadOutlined />} loading={exporter.downloading || starting} data-testid={testId}>
        {t("common:actions.export")} <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
