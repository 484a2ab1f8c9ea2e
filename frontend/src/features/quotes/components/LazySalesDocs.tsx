import { lazy, Suspense, type ComponentProps } from "react";
import { Skeleton } from "antd";

// The quote and order parts other modules' pages show (the customer page's tabs, the opportunity
// page's new-quote drawer) load when shown, in the quote pages' chunk, not with those pages.
const load = () => import("../pages/salesDocPages");
const CustomerQuotesTab = lazy(() => load().then((m) => ({ default: m.CustomerQuotesTab })));
const CustomerOrdersTab = lazy(() => load().then((m) => ({ default: m.CustomerOrdersTab })));
const QuoteFormDrawer = lazy(() => load().then((m) => ({ default: m.QuoteFormDrawer })));

type TabProps = ComponentProps<typeof CustomerQuotesTab>;

/** The customer page's Quotes or Orders tab. */
export function SalesDocTab({ kind, ...props }: TabProps & { kind: "quotes" | "orders" }) {
  return <Suspense fallback={<Skeleton active />}>{kind === "quotes" ? <CustomerQuotesTab {...props} /> : <CustomerOrdersTab {...props} />}</Suspense>;
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
