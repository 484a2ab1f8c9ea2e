import { lazy, Suspense, type ComponentProps } from "react";
import { Skeleton } from "antd";
import type { DocKind } from "../docKinds";

// The sales document parts other modules' pages show (the customer page's tabs, the opportunity
// page's new-quote drawer) load when shown, in the sales documents' chunk, not with those pages.
const load = () => import("../pages/salesDocPages");
const TABS = {
  quotes: lazy(() => load().then((m) => ({ default: m.CustomerQuotesTab }))),
  orders: lazy(() => load().then((m) => ({ default: m.CustomerOrdersTab }))),
  contracts: lazy(() => load().then((m) => ({ default: m.CustomerContractsTab }))),
} satisfies Record<DocKind, unknown>;
const QuoteFormDrawer = lazy(() => load().then((m) => ({ default: m.QuoteFormDrawer })));

type TabProps = ComponentProps<(typeof TABS)["quotes"]>;

/** The customer page's Quotes, Orders or Contracts tab. */
export function SalesDocTab({ kind, ...props }: TabProps & { kind: DocKind }) {
  const Tab = TABS[kind];
  return (
    <Suspense fallback={<Skeleton active />}>
      <Tab {...props} />
    </Suspense>
  );
}

/** The new-quote drawer, mounted once it is first opened. */
export function LazyQuoteFormDrawer(props: ComponentProps<typeof QuoteFormDrawer>) {
  if (!props.open) return null;
  return (
    <Suspense fallback={null}>
      <QuoteFormDrawer {...props} />
    </Suspense>
  );
}
