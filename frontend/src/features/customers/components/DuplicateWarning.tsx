import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useDebouncedValue } from "../../../shared/hooks/useDebouncedValue";
import { useCustomerDuplicates } from "../api";

type Props = { name?: string; phone?: string; email?: string; excludeId?: string };

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Warns while the user types when a live customer has the same name, phone or e-mail. */
export function DuplicateWarning({ name, phone, email, excludeId }: Props) {
  const { t } = useTranslation();
  const query = useDebouncedValue({ name: clean(name), phone: clean(phone), email: clean(email) }, 400);
  const duplicates = useCustomerDuplicates(query);
  const matches = (duplicates.data?.items ?? []).filter((m) => m.id !== excludeId);
  if (matches.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="customer-duplicates"
      message={t("customers:duplicate.title", { count: matches.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {matches.map((m) => (
            <li key={`${m.field}-${m.id}`}>
              {t("customers:duplicate.match", { field: t(`customers:fields.${m.field}`, { defaultValue: m.field }) })}
              <Link to={`/customers/${m.id}`} target="_blank">
                {m.name}
              </Link>
            </li>
          ))}
        </ul>
      }
    />
  );
}
