import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Tag, Typography } from "antd";
import { ThunderboltOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import { problemText } from "../../../api/problem";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { usePermission } from "../../auth/api";
import { useApplyPoolRules, usePoolRules } from "../api";
import { PoolRulesForm } from "../components/PoolRulesForm";

/** 公海规则 (CUS-7): when owned customers go back to the public pool, and the owner's cap. */
export function PoolRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermission();
  const onProblem = useProblemHandler();
  const rules = usePoolRules();
  const apply = useApplyPoolRules();
  const none = t("common:values.none");

  if (rules.isPending) return <Card><Skeleton active /></Card>;
  if (rules.isError) return <Result status="error" title={t("common:messages.loadFailed")} subTitle={problemText(rules.error)} />;

  const state = rules.data;
  const runNow = () =>
    apply.mutate(undefined, {
      onSuccess: ({ returned }) => void message.success(t("poolRules:applied", { count: returned })),
      onError: (e) => onProblem(e),
    });

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <Space align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("poolRules:title")}
          </Typography.Title>
          {state.enabled ? <Tag color="green">{t("poolRules:on")}</Tag> : <Tag>{t("poolRules:offTag")}</Tag>}
        </Space>
        {can("pool_rules:apply") && (
          <Popconfirm
            title={t("poolRules:confirmApply")}
            okText={t("common:confirm.yes")}
            cancelText={t("common:confirm.no")}
            okButtonProps={{ "data-testid": "pool-rules-apply-ok" }}
            onConfirm={runNow}
          >
            <Button icon={<ThunderboltOutlined />} loading={apply.isPending} disabled={!state.enabled} data-testid="pool-rules-apply">
              {t("poolRules:applyNow")}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("poolRules:intro")} />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("poolRules:updatedAt")}>{formatDateTime(state.updated_at, none)}</Descriptions.Item>
        <Descriptions.Item label={t("poolRules:lastAppliedAt")}>
          <span data-testid="pool-rules-last-applied">{formatDateTime(state.last_applied_at, none)}</span>
        </Descriptions.Item>
      </Descriptions>
      <PoolRulesForm rules={state} editable={can("pool_rules:update")} />
    </Card>
  );
}
