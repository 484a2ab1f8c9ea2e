import { lazy, Suspense, type ComponentProps } from "react";

// The button, its permission check and the wizard load with the first list page that shows it: the
// list pages import only this, so the import code shares no chunk with them (a small shared chunk
// would be merged by the bundler into one the first page loads).
const Button = lazy(() => import("./ImportButton").then((m) => ({ default: m.ImportButton })));

/** A list page's 导入 button (see ImportButton), loaded on demand. */
export function ImportButton(props: ComponentProps<typeof Button>) {
  return (
    <Suspense fallback={null}>
      <Button {...props} />
    </Suspense>
  );
}
