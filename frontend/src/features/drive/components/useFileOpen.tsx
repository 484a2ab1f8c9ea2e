import { useState } from "react";
import { Image } from "antd";
import type { DriveFile } from "../../../api/types";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { fileLink } from "../api";
import { previewMode } from "../fileKinds";

/** Saves what a URL points at under `name`, as a click on `<a download>` would. */
function saveFromUrl(url: string, name: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * Downloading and previewing files through signed links (POST /files/{id}/link), which work
 * without the bearer header: a download saves the file, a picture opens in the image viewer, a
 * PDF in a new tab (the server forbids framing it). `viewer` is the image viewer to render.
 */
export function useFileOpen() {
  const onProblem = useProblemHandler();
  const [image, setImage] = useState<{ url: string; name: string } | null>(null);

  const download = async (file: Pick<DriveFile, "id" | "name">): Promise<void> => {
    try {
      const link = await fileLink(file.id, false);
      saveFromUrl(link.url, file.name);
    } catch (error) {
      onProblem(error);
    }
  };

  const preview = async (file: Pick<DriveFile, "id" | "name" | "mime" | "previewable">): Promise<void> => {
    const mode = previewMode(file);
    if (!mode) return download(file);
    try {
      const link = await fileLink(file.id, true);
      if (mode === "image") setImage({ url: link.url, name: file.name });
      else window.open(link.url, "_blank", "noopener");
    } catch (error) {
      onProblem(error);
    }
  };

  const viewer = image ? (
    <Image
      style={{ display: "none" }}
      src={image.url}
      alt={image.name}
      preview={{ visible: true, src: image.url, onVisibleChange: (visible) => !visible && setImage(null) }}
    />
  ) : null;

  return { download, preview, viewer };
}
