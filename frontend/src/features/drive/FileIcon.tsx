import {
  AudioOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
  VideoCameraOutlined,
} from "@ant-design/icons";
import type { DriveFile } from "../../api/types";
import { fileKind, type FileKind } from "./fileKinds";

const ICONS: Record<FileKind, { icon: typeof FileOutlined; color: string }> = {
  image: { icon: FileImageOutlined, color: "#13a8a8" },
  pdf: { icon: FilePdfOutlined, color: "#cf1322" },
  word: { icon: FileWordOutlined, color: "#1d39c4" },
  excel: { icon: FileExcelOutlined, color: "#389e0d" },
  ppt: { icon: FilePptOutlined, color: "#d46b08" },
  archive: { icon: FileZipOutlined, color: "#8c8c8c" },
  text: { icon: FileTextOutlined, color: "#595959" },
  audio: { icon: AudioOutlined, color: "#722ed1" },
  video: { icon: VideoCameraOutlined, color: "#722ed1" },
  other: { icon: FileOutlined, color: "#8c8c8c" },
};

/** The file's type as an icon in a list row. */
export function FileIcon({ file, size = 18 }: { file: Pick<DriveFile, "mime" | "name">; size?: number }) {
  const { icon: Icon, color } = ICONS[fileKind(file)];
  return <Icon style={{ color, fontSize: size }} aria-hidden />;
}
