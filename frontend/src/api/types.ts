// Names for the generated schema types the features use. Every type here is an alias of
// `components["schemas"][...]`; when the OpenAPI document renames a schema only this file moves.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type User = Schemas["User"];
export type CreateUser = Schemas["NewUser"];
export type UpdateUser = Schemas["UserPatch"];
export type Me = Schemas["Me"];
export type UpdateMe = Schemas["MePatch"];
export type TokenResponse = Schemas["TokenPair"];
export type Department = Schemas["Department"];
export type DepartmentNode = Schemas["DepartmentNode"];
export type CreateDepartment = Schemas["NewDepartment"];
export type UpdateDepartment = Schemas["DepartmentPatch"];
export type Role = Schemas["Role"];
export type CreateRole = Schemas["NewRole"];
export type UpdateRole = Schemas["RolePatch"];
export type DataScope = Schemas["DataScopeDto"];
export type Permission = Schemas["Permission"];
export type ApiToken = Schemas["ApiToken"];
export type CreateApiToken = Schemas["NewApiToken"];
export type ApiTokenCreated = Schemas["CreatedApiToken"];
export type AuditLog = Schemas["AuditLog"];
export type FieldChange = Schemas["FieldChange"];
export type ApiProblem = Schemas["Problem"];
export type Customer = Schemas["Customer"];
export type CreateCustomer = Schemas["NewCustomer"];
export type UpdateCustomer = Schemas["CustomerPatch"];
export type CustomerKind = Schemas["CustomerKind"];
export type DuplicateMatch = Schemas["DuplicateMatch"];
export type PoolReason = Schemas["PoolReason"];
export type DictionaryItem = Schemas["DictionaryItem"];
export type Contact = Schemas["Contact"];
export type CreateContact = Schemas["NewContact"];
export type UpdateContact = Schemas["ContactPatch"];
export type FollowUp = Schemas["FollowUp"];
export type CreateFollowUp = Schemas["NewFollowUp"];
