import { useState } from "react";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { fetchFile, saveBlob, type FilePathParams, type FileQuery, type FilePath } from "../../api/client";
import { useTimeZone } from "../timeZone";
import { useProblemHandler } from "./useProblemHandler";

/**
 * Downloads an export with the user's token and saves it; failures show as the usual message. The
 * file is asked for in the UI's language and the user's time zone.
 */
export function useFileDownload() {
  const { t, i18n } = useTranslation();
  const { zone } = useTimeZone();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const [downloading, setDownloading] = useState(false);

  const download = async <P extends FilePath>(path: P, query: FileQuery<P>, fallbackName: string, pathParams?: FilePathParams<P>): Promise<void> => {
    setDownloading(true);
    try {
      const file = await fetchFile(path, query, fallbackName, { language: i18n.language, timeZone: zone, pathParams: pathParams as Record<string, string> | undefined });
      saveBlob(file);
      message.success(t("common:messages.downloaded", { name: file.filename }));
    } catch (error) {
      onProblem(error);
    } finally {
      setDownloading(false);
    }
  };

  return { download, downloading };
}
