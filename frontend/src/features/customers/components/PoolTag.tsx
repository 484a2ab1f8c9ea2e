import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { POOL_COLORS } from "../pools";

export function PoolTag({ pool }: { pool: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={POOL_COLORS[pool]} data-testid="customer-pool">
      {t(`customers:pools.${pool}`, { defaultValue: pool })}
    </Tag>
  );
}
