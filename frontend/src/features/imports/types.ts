import type { components } from "../../api/schema";

type Schemas = components["schemas"];

// The generated schemas under the names this feature uses.
export type Import = Schemas["Import"];
export type ImportColumn = Schemas["ImportColumn"];
export type ImportRowFailure = Schemas["ImportRowFailure"];
export type ImportRowError = Schemas["ImportRowError"];
export type ImportEntity = Schemas["ImportEntity"];
export type ImportEncoding = Schemas["ImportEncoding"];
export type ImportStatus = Schemas["ImportStatus"];
export type OnDuplicate = Schemas["OnDuplicate"];
export type ImportMode = Schemas["ImportMode"];
export type ImportUpload = Schemas["ImportUpload"];
