// Names for the generated schema types the features use. Every type here is an alias of
// `components["schemas"][...]`; when the OpenAPI document renames a schema only this file moves.
import type { components } from "./schema";

type Schemas = components["schemas"];

/** A permission code of the catalogue (`customers:read`, …), as roles and API tokens take them. */
export type PermissionCode = NonNullable<Schemas["NewRole"]["permissions"]>[number];
/** A list the server exports in the background (`POST /exports`, its `list`). */
export type BackgroundExportList = Schemas["NewExport"]["list"];
/** A list page that keeps saved views. */
export type SavedViewResource = Schemas["NewSavedView"]["resource"];

export type User = Schemas["User"];
/** A colleague as pickers show one (GET /users/lookup, open to every signed-in user). */
export type UserRef = Schemas["UserRef"];
export type UserRefList = Schemas["UserRefList"];
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
export type CustomerGroup = Schemas["CustomerGroup"];
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
export type UpdateFollowUp = Schemas["FollowUpPatch"];
/** One entry of a customer's timeline: a follow-up, or a logged change to the customer. */
export type TimelineItem = Schemas["TimelineItem"];
export type CustomerList = Schemas["CustomerList"];
export type TransferCustomers = Schemas["TransferRequest"];
export type AssignCustomers = Schemas["AssignRequest"];
export type MergeCustomers = Schemas["MergeRequest"];
export type Collaborator = Schemas["Collaborator"];
export type CollaboratorShare = Schemas["ShareItem"];
export type ReplaceCollaborators = Schemas["CollaboratorsPut"];
export type PoolRules = Schemas["PoolRulesState"];
export type UpdatePoolRules = Schemas["PoolRulesBody"];
export type PoolRulesApplied = Schemas["PoolRulesApplied"];
export type Interaction = Schemas["Interaction"];

// Products & suppliers.
export type ProductCategory = Schemas["Category"];
export type CategoryNode = Schemas["CategoryNode"];
export type CreateProductCategory = Schemas["NewCategory"];
export type UpdateProductCategory = Schemas["CategoryPatch"];
export type Product = Schemas["Product"];
export type CreateProduct = Schemas["NewProduct"];
export type UpdateProduct = Schemas["ProductPatch"];
export type Supplier = Schemas["Supplier"];
export type CreateSupplier = Schemas["NewSupplier"];
export type UpdateSupplier = Schemas["SupplierPatch"];
/** A supplier's price for a product; a product's supplier prices use the same schema. */
export type SupplierPrice = Schemas["SupplierPrice"];
export type SupplierPriceInput = Schemas["PriceItem"];
export type ServedCustomer = Schemas["ServedCustomer"];
export type SupplierSummary = Schemas["SupplierSummary"];
export type SuppliersOfCustomer = Schemas["SuppliersOfCustomer"];

// Saved list views (per user and list page).
export type SavedView = Schemas["SavedView"];
export type SavedViewList = Schemas["SavedViewList"];
export type CreateSavedView = Schemas["NewSavedView"];
export type UpdateSavedView = Schemas["SavedViewPatch"];
/** A region of GB/T 2260 (GET /regions): province, city or district, with the levels below it. */
export type Region = Schemas["Region"];
export type RegionTree = Schemas["RegionTree"];

// The drive: folders and files in the personal, department and company spaces, and records' attachments.
export type DriveFile = Schemas["File"];
export type DriveFolder = Schemas["Folder"];
export type DriveSpace = Schemas["Space"];
export type DriveRecordType = Schemas["RecordType"];
export type DriveItemPatch = Schemas["DriveItemPatch"];
export type DriveQuota = Schemas["DriveQuota"];
export type DriveShare = Schemas["DriveShare"];
export type DriveShareInput = Schemas["ShareInput"];
export type DriveLimits = Schemas["DriveLimits"];
export type FileLink = Schemas["FileLink"];
export type FileUploadFields = Omit<Schemas["FileUpload"], "file">;

// Approvals (审批流): flows as administrators write them, an approval with its steps and timeline.
export type ApprovalFlow = Schemas["ApprovalFlow"];
export type NewApprovalFlow = Schemas["NewApprovalFlow"];
export type ApprovalFlowPatch = Schemas["ApprovalFlowPatch"];
export type ApprovalFlowStep = Schemas["ApprovalStep"];
export type ApprovalCondition = Schemas["ApprovalCondition"];
export type Approver = Schemas["Approver"];
export type Approval = Schemas["Approval"];
export type ApprovalDetail = Schemas["ApprovalDetail"];
export type ApprovalStepState = Schemas["ApprovalStepState"];
export type ApprovalEvent = Schemas["ApprovalEvent"];
export type ApprovalStatus = Schemas["InstanceStatus"];
export type StepMode = Schemas["StepMode"];
export type ResubmitMode = Schemas["ResubmitMode"];
export type SelfApproval = Schemas["SelfApproval"];
export type EmptyApprover = Schemas["EmptyApprover"];

// Contract amendments (合同变更): a change to an active contract, made once approved.
export type ContractAmendment = Schemas["ContractAmendment"];
export type NewContractAmendment = Schemas["NewContractAmendment"];
export type AmendmentStatus = Schemas["AmendmentStatus"];
