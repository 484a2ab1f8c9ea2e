import type { components } from "../../api/schema";

type Schemas = components["schemas"];

// The generated schemas under the names this feature uses.
export type ExportJob = Schemas["ExportJob"];
export type ExportStatus = Schemas["ExportStatus"];
export type ExportFileFormat = Schemas["ExportFileFormat"];
