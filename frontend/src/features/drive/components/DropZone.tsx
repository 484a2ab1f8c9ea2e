import { Space, Upload, type UploadProps } from "antd";
import { InboxOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

/**
 * The strip files are dropped on to upload them (desktops only: nothing is dragged on a phone,
 * where the upload button alone shows the progress under it).
 */
export function DropZone({ uploads, testId }: { uploads: UploadProps; testId: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      <Upload.Dragger {...uploads} style={{ padding: "4px 8px" }}>
        <Space size={8} style={{ color: "rgba(0,0,0,0.45)" }} wrap>
          <InboxOutlined style={{ fontSize: 20, color: "#1677ff" }} />
          <span>{t("drive:upload.dropHint")}</span>
        </Space>
      </Upload.Dragger>
    </div>
  );
}
