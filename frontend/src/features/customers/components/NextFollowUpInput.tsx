import { Button, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { DateTimeInput } from "../../../shared/components/DateTimeInput";
import { QUICK_TIMES, quickTime } from "../followUpTimes";

type Props = { value?: Dayjs | null; onChange?: (value: Dayjs | null) => void; id?: string };

/**
 * When to get back to the customer: one click for the usual answers (tomorrow, in three days,
 * next week, each at 09:00), or any time in the picker. A form control, so a quick time counts as
 * an edit of the field (and clears the server's error on it).
 */
export function NextFollowUpInput({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={8} style={{ width: "100%" }}>
      <Space wrap size={8}>
        {QUICK_TIMES.map((which) => (
          <Button key={which} size="small" onClick={() => onChange?.(quickTime(which))} data-testid={`follow-up-quick-${which}`}>
            {t(`customers:composer.quick.${which}`)}
          </Button>
        ))}
      </Space>
      <DateTimeInput id={id} value={value} onChange={(next) => onChange?.(next)} allowClear data-testid="follow-up-next" />
    </Space>
  );
}
