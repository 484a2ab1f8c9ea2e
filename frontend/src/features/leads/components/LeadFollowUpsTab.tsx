import { useState } from "react";
import { Alert, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { FollowUp } from "../../../api/types";
import { useMe, usePermission } from "../../auth/api";
import { FollowUpComposer } from "../../customers/components/FollowUpComposer";
import { FollowUpsTab } from "../../customers/components/FollowUpsTab";
import type { Lead } from "../api";
import { leadFollowUpBlock } from "../model";

/** Where a converted lead's follow-ups went: the customer's follow-ups tab. */
function MovedToCustomer({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="lead-follow-ups-moved"
      message={
        <Space wrap size={[8, 0]}>
          <span>{t("leads:followUps.moved")}</span>
          <Link to={`/customers/${customerId}?tab=follow-ups`} data-testid="lead-follow-ups-customer">
            {t("leads:followUps.toCustomer")}
          </Link>
        </Space>
      }
    />
  );
}

/**
 * 跟进记录 on a lead: its follow-ups and the composer, as on a customer, without contacts. Written
 * only on a lead the user may change; a converted one's are read here and worked on the customer.
 */
export function LeadFollowUpsTab({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const can = usePermission();
  const { data: me } = useMe();
  // The follow-up stays while the drawer closes, so its title does not change during the animation.
  const [composing, setComposing] = useState<{ open: boolean; followUp: FollowUp | null }>({ open: false, followUp: null });
  const subject = { leadId: lead.id };
  const block = leadFollowUpBlock(lead, me?.id, can);

  return (
    <>
      <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="lead-follow-ups">
        {block === "converted" && lead.converted_customer_id && <MovedToCustomer customerId={lead.converted_customer_id} />}
        {block === "pool" && can("follow_ups:create") && <Typography.Text type="secondary">{t("leads:followUps.blocked.pool")}</Typography.Text>}
        <FollowUpsTab
          subject={subject}
          onCompose={(followUp) => setComposing({ open: true, followUp })}
          composeBlocked={block ? t(`leads:followUps.blocked.${block}`) : undefined}
        />
      </Space>
      <FollowUpComposer open={composing.open} subject={subject} followUp={composing.followUp} onClose={() => setComposing((old) => ({ ...old, open: false }))} />
    </>
  );
}
