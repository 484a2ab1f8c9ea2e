import { useState } from "react";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { fetchFile, saveBlob, type FileQuery, type FilePath } from "../../api/client";
import { useProblemHandler } from "./useProblemHandler";

/** Downloads an export with the user's token and saves it; failures show as the usual message. */
export function useFileDownload() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const [downloading, setDownloading] = useState(false);

  const download = async <P extends FilePath>(path: P, query: FileQuery<P>, fallbackName: string): Promise<void> => {
    setDownloading(true);
    try {
      const file = await fetchFile(path, query, fallbackName);
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
