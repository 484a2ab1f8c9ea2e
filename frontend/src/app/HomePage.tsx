import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useMe } from "../features/auth/api";

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Card>
      <Typography.Title level={3} data-testid="welcome">
        {t("common:home.welcome", { name: me?.display_name || me?.username || "" })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("common:home.intro")}</Typography.Paragraph>
    </Card>
  );
}
