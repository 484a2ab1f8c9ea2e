import { namespacesOf } from "../resources";

// The namespaces of the first pages (FIRST_NAMESPACES in resources.ts); every JSON file is one namespace named after the file.
export default namespacesOf(
  import.meta.glob<{ default: Record<string, unknown> }>("../en/{common,auth,errors,workbench}.json", { eager: true }),
);
