import { Alert, App, Button, Input, Modal, Space } from "antd";
import { CopyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

type Props = { secret: string | null; onClose: () => void };

/** Shows a new token's secret once; the server keeps only its hash. */
export function TokenSecretModal({ secret, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? "");
      message.success(t("common:messages.copied"));
    } catch {
      message.error(t("common:messages.copyFailed"));
    }
  };

  return (
    <Modal
      open={!!secret}
      title={t("apiTokens:secretTitle")}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-done">
          {t("apiTokens:secretDone")}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Alert type="warning" showIcon message={t("apiTokens:secretWarning")} />
        <Space.Compact style={{ width: "100%" }}>
          <Input readOnly value={secret ?? ""} data-testid="token-secret" onFocus={(e) => e.target.select()} />
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>
            {t("common:actions.copy")}
          </Button>
        </Space.Compact>
      </Space>
    </Modal>
  );
}
