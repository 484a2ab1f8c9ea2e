import { useState } from "react";
import { App, Button, Descriptions, Popconfirm, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ConfirmDelete } from "../../../shared/components/ConfirmDelete";
import { useDictionary } from "../../../shared/dictionaries";
import { formatDateTime } from "../../../shared/format";
import { useProblemHandler } from "../../../shared/hooks/useProblemHandler";
import { ResourceDetailPage } from "../../../shared/resource/ResourceDetailPage";
import { useMe, usePermission } from "../../auth/api";
import { dictionaryLabel } from "../../customers/dictionary";
import { leadsApi, type Lead, type LeadStatus } from "../api";
import { ConvertLeadModal } from "../components/ConvertLeadModal";
import { LeadFollowUpsTab } from "../components/LeadFollowUpsTab";
import { LeadFormDrawer } from "../components/LeadFormDrawer";
import { LeadStatusTag } from "../components/LeadStatusTag";
import { useLeadMoves } from "../components/useLeadMoves";
import { EDITABLE_STATUSES, inPool, isConverted, leadActions, LEADS_PATH } from "../model";

/** One lead: its details, follow-ups, status, pool moves, conversion (or where it went) and change history. */
export function LeadDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onProblem = useProblemHandler();
  const can = usePermission();
  const { data: me } = useMe();
  const lead = leadsApi.useGet(id);
  const update = leadsApi.useUpdate();
  const remove = leadsApi.useDelete();
  const sources = useDictionary("customer_source");
  const moves = useLeadMoves();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const none = t("common:values.none");

  const changeStatus = (l: Lead, status: LeadStatus) =>
    update.mutate(
      { record: l, patch: { status } },
      { onSuccess: () => void message.success(t("leads:detail.statusChanged", { status: t(`leads:statuses.${status}`) })), onError: (e) => onProblem(e) },
    );

  const links = (l: Lead) =>
    isConverted(l) && (
      <Space wrap size="middle" data-testid="lead-converted-links">
        {l.converted_customer_id && (
          <Link to={`/customers/${l.converted_customer_id}`} data-testid="lead-link-customer">
            {t("leads:detail.customer")}
          </Link>
        )}
        {l.converted_contact_id && l.converted_customer_id && (
          <Link to={`/customers/${l.converted_customer_id}?tab=contacts`} data-testid="lead-link-contact">
            {t("leads:detail.contact")}
          </Link>
        )}
        {l.converted_opportunity_id && (
          <Link to={`/opportunities/${l.converted_opportunity_id}`} data-testid="lead-link-opportunity">
            {t("leads:detail.opportunity")}
          </Link>
        )}
      </Space>
    );

  return (
    <ResourceDetailPage<Lead>
      record={lead}
      listPath={LEADS_PATH}
      backLabel={t("leads:detail.backToList")}
      notFoundLabel={t("leads:detail.notFound")}
      title={(l) => l.name}
      titleTestId="lead-title"
      titleExtra={(l) => (
        <>
          <LeadStatusTag status={l.status} />
          {inPool(l) && <Tag color="gold">{t("leads:pool.tag")}</Tag>}
        </>
      )}
      subtitle={(l) => (
        <>
          <Typography.Text type="secondary">{l.code}</Typography.Text>
          {l.company && <Typography.Text type="secondary">{l.company}</Typography.Text>}
          <Typography.Text type="secondary" data-testid="lead-owner">
            {inPool(l) ? t("leads:detail.inPool") : t("leads:detail.owner", { name: l.owner_name || none })}
          </Typography.Text>
          {isConverted(l) && (
            <Typography.Text type="secondary" data-testid="lead-converted">
              {t("leads:detail.converted", { time: formatDateTime(l.converted_at, none) })}
            </Typography.Text>
          )}
          {links(l)}
        </>
      )}
      actions={(l) => {
        const allowed = leadActions(l, me?.id, can);
        return (
          <>
            {allowed.includes("edit") && (
              <Select<LeadStatus>
                value={l.status}
                style={{ width: 130 }}
                loading={update.isPending}
                aria-label={t("leads:detail.status")}
                options={EDITABLE_STATUSES.map((s) => ({ value: s, label: t(`leads:statuses.${s}`) }))}
                onChange={(status) => changeStatus(l, status)}
                data-testid="lead-status-select"
              />
            )}
            {allowed.includes("claim") && (
              <Popconfirm
                title={t("leads:pool.confirmClaim", { name: l.name })}
                okText={t("common:confirm.yes")}
                cancelText={t("common:confirm.no")}
                okButtonProps={{ "data-testid": "lead-claim-ok" }}
                onConfirm={() => moves.claim(l)}
              >
                <Button loading={moves.claiming(l)} data-testid="lead-claim">
                  {t("leads:pool.actions.claim")}
                </Button>
              </Popconfirm>
            )}
            {allowed.includes("release") && (
              <Button onClick={() => moves.askRelease(l)} data-testid="lead-release">
                {t("leads:pool.actions.release")}
              </Button>
            )}
            {allowed.includes("assign") && (
              <Button onClick={() => moves.askAssign([l])} data-testid="lead-assign">
                {t("leads:pool.actions.assign")}
              </Button>
            )}
            {allowed.includes("edit") && (
              <Button onClick={() => setEditing(true)} data-testid="lead-edit">
                {t("common:actions.edit")}
              </Button>
            )}
            {allowed.includes("convert") && (
              <Button type="primary" onClick={() => setConverting(true)} data-testid="lead-convert">
                {t("leads:convert.action")}
              </Button>
            )}
            {allowed.includes("delete") && (
              <ConfirmDelete variant="button" name={l.name} onDelete={() => remove.mutateAsync(l)} onDeleted={() => navigate(LEADS_PATH, { replace: true })} testId="lead-delete" />
            )}
          </>
        );
      }}
      tabs={(l) => [
        {
          key: "info",
          label: t("leads:detail.tabs.info"),
          children: (
            <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" data-testid="lead-info">
              <Descriptions.Item label={t("leads:fields.code")}>{l.code}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.name")}>{l.name}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.title")}>{l.title || none}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.company")}>{l.company || none}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.mobile")}>{l.mobile || none}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.phone")}>{l.phone || none}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.email")}>{l.email || none}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.source")}>{dictionaryLabel(sources.data, l.source, i18n.language, none)}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.status")}>
                <LeadStatusTag status={l.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.owner")}>{inPool(l) ? t("leads:pool.tag") : l.owner_name || none}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.province")}>{l.province || none}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.city")}>{l.city || none}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.address")} span={{ xs: 1, sm: 2, lg: 3 }}>
                {l.address || none}
              </Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.remark")} span={{ xs: 1, sm: 2, lg: 3 }}>
                <span style={{ whiteSpace: "pre-wrap" }}>{l.remark || none}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.created_at")}>{formatDateTime(l.created_at, none)}</Descriptions.Item>
              <Descriptions.Item label={t("leads:fields.updated_at")}>{formatDateTime(l.updated_at, none)}</Descriptions.Item>
              {isConverted(l) && <Descriptions.Item label={t("leads:fields.converted_at")}>{formatDateTime(l.converted_at, none)}</Descriptions.Item>}
            </Descriptions>
          ),
        },
        ...(can("follow_ups:read") ? [{ key: "follow-ups", label: t("leads:detail.tabs.followUps"), children: <LeadFollowUpsTab lead={l} /> }] : []),
      ]}
      history={{
        entity: "leads",
        cacheName: "leads",
        id: (l) => l.id,
        label: t("common:history.tab"),
        fields: "leads:fields",
        // A conversion logs what the lead became by id; those read as the record they name.
        fieldLabel: (field) => {
          const linked: Record<string, string> = { customer_id: "leads:detail.customer", contact_id: "leads:detail.contact", opportunity_id: "leads:detail.opportunity" };
          const key = linked[field.replace(/^converted_/, "")];
          if (key) return t(key);
          return t(`leads:fields.${field.replace(/_(id|name)$/, "")}`, { defaultValue: t(`common:history.field.${field}`, { defaultValue: field }) });
        },
        actionLabel: (action) =>
          action === "convert" ? t("leads:convert.action") : action === "release" ? t("leads:pool.actions.release") : t(`auditLogs:actions.${action}`, { defaultValue: action }),
        hiddenFields: ["owner_name"],
        valueText: (field, value, empty) => {
          if (field === "status" && typeof value === "string") return t(`leads:statuses.${value}`, { defaultValue: value });
          if (field === "source") return typeof value === "string" ? dictionaryLabel(sources.data, value, i18n.language, empty) : empty;
          return undefined;
        },
        userFields: ["owner_id"],
        testId: "lead-history",
      }}
      overlays={(l) => (
        <>
          <LeadFormDrawer open={editing} lead={l} onClose={() => setEditing(false)} />
          <ConvertLeadModal lead={l} open={converting} onClose={() => setConverting(false)} />
          {moves.modals}
        </>
      )}
    />
  );
}
