import { Tag } from "antd";
import { useTranslation } from "react-i18next";

/** Whether a group is shared with everyone or kept to its owner's scope. */
export function SharedTag({ shared }: { shared: boolean }) {
  const { t } = useTranslation();
  return shared ? <Tag color="blue">{t("customerGroups:sharedTag.shared")}</Tag> : <Tag>{t("customerGroups:sharedTag.private")}</Tag>;
}
