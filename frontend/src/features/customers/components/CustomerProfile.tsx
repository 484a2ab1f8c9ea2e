import { Descriptions, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../../api/types";
import { formatDateTime } from "../../../shared/format";
import { useDictionary } from "../api";
import { dictionaryLabel } from "../dictionary";
import { PoolTag } from "./PoolTag";

export function CustomerProfile({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const industries = useDictionary("industry");
  const sources = useDictionary("customer_source");
  const levels = useDictionary("customer_level");
  const none = t("common:values.none");
  const text = (value: string | null | undefined) => value || none;
  const region = [customer.province, customer.city, customer.district].filter(Boolean).join(" / ");

  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="customer-profile">
      <Descriptions.Item label={t("customers:fields.code")}>{customer.code}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.name")}>{customer.name}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.kind")}>{t(`customers:kinds.${customer.kind}`, { defaultValue: customer.kind })}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.industry")}>{dictionaryLabel(industries.data, customer.industry, language, none)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.level")}>{dictionaryLabel(levels.data, customer.level, language, none)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.source")}>{dictionaryLabel(sources.data, customer.source, language, none)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.region")}>{text(region)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.address")} span={2}>
        {text(customer.address)}
      </Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.phone")}>{text(customer.phone)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.email")}>{text(customer.email)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.website")}>{text(customer.website)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.tags")} span={3}>
        {customer.tags.length > 0 ? (
          <Space size={[0, 4]} wrap>
            {customer.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </Space>
        ) : (
          none
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.pool")}>
        <PoolTag pool={customer.pool} />
      </Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.pool_reason")}>{text(customer.pool_reason)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.deal_status")}>
        {t(`customers:dealStatus.${customer.deal_status}`, { defaultValue: customer.deal_status })}
      </Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.owner")}>{text(customer.owner_name)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.last_follow_up_at")}>{formatDateTime(customer.last_follow_up_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.next_follow_up_at")}>{formatDateTime(customer.next_follow_up_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.created_at")}>{formatDateTime(customer.created_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.updated_at")}>{formatDateTime(customer.updated_at, none)}</Descriptions.Item>
      <Descriptions.Item label={t("customers:fields.remark")} span={3}>
        <span style={{ whiteSpace: "pre-wrap" }}>{text(customer.remark)}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}
