import { namespacesOf } from "../resources";

// Every JSON file of the folder is one namespace named after the file.
export default namespacesOf(import.meta.glob<{ default: Record<string, unknown> }>("../zh-CN/*.json", { eager: true }));
