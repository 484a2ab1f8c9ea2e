import { WorkbenchPage } from "../features/workbench/pages/WorkbenchPage";

/** The home page is the workbench (工作台): what the signed-in user acts on today. */
export function HomePage() {
  return <WorkbenchPage />;
}
