import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { problemText } from "../api/problem";

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

/** /me could not be loaded: the reason and a retry. */
export function LoadFailedPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t("common:errors.loadFailed")}
      subTitle={problemText(error)}
      extra={<Button onClick={onRetry}>{t("common:actions.refresh")}</Button>}
    />
  );
}
