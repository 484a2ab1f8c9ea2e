import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";

export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t("common:errors.forbiddenTitle")}
      subTitle={t("common:errors.forbidden")}
      extra={
        <Button type="primary" onClick={() => navigate("/")}>
          {t("common:errors.backHome")}
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t("common:errors.notFoundTitle")}
      subTitle={t("common:errors.notFound")}
      extra={
        <Button type="primary" onClick={() => navigate("/")}>
          {t("common:errors.backHome")}
        </Button>
      }
    />
  );
}
