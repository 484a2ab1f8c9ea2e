import { theme } from "antd";
import { Text } from "../../../shared/components/lightweight";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { OwnerCount } from "../api";

/**
 * A manager's view of one card: each rep's share as a name, a bar and the count, largest first
 * (the server's order). A name opens that rep's records when the card has a list.
 */
export function OwnerBreakdown({ owners, link }: { owners: readonly OwnerCount[]; link?: (ownerId: string) => string | undefined }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const max = Math.max(1, ...owners.map((o) => o.count));
  return (
    <div data-testid="owner-breakdown" style={{ marginTop: 8, paddingTop: 8, borderTop: `1px dashed ${token.colorBorder}` }}>
      <Text type="secondary" style={{ fontSize: 12 }}>
        {t("workbench:byOwner")}
      </Text>
      {owners.map((owner) => {
        const to = link?.(owner.owner_id);
        const name = owner.owner_name || t("workbench:noOwner");
        return (
          <div
            key={owner.owner_id}
            data-testid="owner-count"
            data-owner={owner.owner_name}
            style={{ display: "grid", gridTemplateColumns: "minmax(0, 7em) minmax(0, 1fr) auto", alignItems: "center", gap: 8, marginTop: 4, fontSize: 12 }}
          >
            <Text ellipsis={{ tooltip: name }} style={{ fontSize: 12 }}>
              {to ? <Link to={to}>{name}</Link> : name}
            </Text>
            <div style={{ height: 6, borderRadius: 3, background: token.colorFillSecondary }}>
              <div style={{ width: `${(owner.count / max) * 100}%`, height: "100%", borderRadius: 3, background: token.colorPrimary }} />
            </div>
            <Text strong style={{ fontSize: 12 }} data-testid="owner-count-value">
              {owner.count}
            </Text>
          </div>
        );
      })}
    </div>
  );
}
