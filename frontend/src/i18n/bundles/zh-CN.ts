import { namespacesOf } from "../resources";

// The namespaces the first pages do not use (LATER_NAMESPACES in resources.ts); every JSON file is one namespace named after the file.
export default namespacesOf(
  import.meta.glob<{ default: Record<string, unknown> }>(["../zh-CN/*.json", "!../zh-CN/{common,auth,errors,workbench}.json"], { eager: true }),
);
