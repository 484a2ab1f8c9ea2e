import { Col, Row, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { useRecordTitle } from "../../../app/documentTitle";
import { formatDateTime } from "../../../shared/format";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { approvalsApi } from "../api";
import { ApprovalActions } from "../components/ApprovalActions";
import { ApprovalStatusTag } from "../components/ApprovalTags";
import { DocSummary } from "../components/DocSummary";
import { EventsTimeline } from "../components/EventsTimeline";
import { StepsTimeline } from "../components/StepsTimeline";
import type { ApprovalDetail } from "../model";
import { APPROVALS_PATH } from "../paths";

/** One approval: the document as submitted, its steps with their approvers, what happened, and what the caller may do. */
export function ApprovalDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const record = approvalsApi.useGet(id);
  useRecordTitle(record.data?.doc_label);
  const none = t("common:values.none");

  return (
    <ResourceDetailPage<ApprovalDetail>
      record={record}
      listPath={APPROVALS_PATH}
      backLabel={t("approvals:detail.backToList")}
      notFoundLabel={t("approvals:detail.notFound")}
      title={(a) => a.doc_label}
      titleTestId="approval-title"
      titleExtra={(a) => (
        <>
          <Tag style={{ marginInlineEnd: 0 }}>{t(`approvals:docTypes.${a.doc_type}`, { defaultValue: a.doc_type })}</Tag>
          <ApprovalStatusTag status={a.status} />
        </>
      )}
      subtitle={(a) => (
        <>
          <Typography.Text type="secondary">
            {t("approvals:fields.applicant")}: {a.applicant_name || none}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t("approvals:fields.createdAt")}: {formatDateTime(a.created_at, none)}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="approval-flow">
            {t("approvals:fields.flow")}: {a.flow_name && a.flow_version ? t("approvals:detail.flowVersion", { name: a.flow_name, version: a.flow_version }) : t("approvals:detail.noFlow")}
          </Typography.Text>
          {a.round > 1 && <Typography.Text type="secondary">{t("approvals:detail.round", { round: a.round })}</Typography.Text>}
          {a.finished_at && (
            <Typography.Text type="secondary">
              {t("approvals:fields.finishedAt")}: {formatDateTime(a.finished_at, none)}
            </Typography.Text>
          )}
        </>
      )}
      actions={(a) => <ApprovalActions approval={a} />}
      tabs={(a) => [
        {
          key: "overview",
          label: t("approvals:detail.overview"),
          children: (
            <Space direction="vertical" size={24} style={{ width: "100%" }}>
              <DocSummary approval={a} />
              <Row gutter={[32, 16]}>
                <Col xs={24} lg={12}>
                  <Typography.Title level={5}>{t("approvals:detail.steps")}</Typography.Title>
                  <StepsTimeline steps={a.steps} current={a.current_step} />
                </Col>
                <Col xs={24} lg={12}>
                  <Typography.Title level={5}>{t("approvals:detail.events")}</Typography.Title>
                  <EventsTimeline events={a.events} steps={a.steps} />
                </Col>
              </Row>
            </Space>
          ),
        },
      ]}
    />
  );
}
