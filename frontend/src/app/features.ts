import { apiTokensFeature } from "../features/api-tokens";
import { approvalsFeature } from "../features/approvals";
import { auditLogsFeature } from "../features/audit-logs";
import { contractsFeature } from "../features/contracts";
import { customerGroupsFeature } from "../features/customer-groups";
import { customersFeature } from "../features/customers";
import { departmentsFeature } from "../features/departments";
import { dictionariesFeature } from "../features/dictionaries";
import { driveFeature } from "../features/drive";
import { exportsFeature } from "../features/exports";
import { importsFeature } from "../features/imports";
import { interactionsFeature } from "../features/interactions";
import { jobsFeature } from "../features/jobs";
import { opportunitiesFeature } from "../features/opportunities";
import { quotesFeature } from "../features/quotes";
import { leadsFeature } from "../features/leads";
import { poolRulesFeature } from "../features/pool-rules";
import { productsFeature } from "../features/products";
import { reportsFeature } from "../features/reports";
import { profileFeature } from "../features/profile";
import { receivablesFeature } from "../features/receivables";
import { recycleBinFeature } from "../features/recycle-bin";
import { rolesFeature } from "../features/roles";
import { salesPlansFeature } from "../features/sales-plans";
import { settingsFeature } from "../features/settings";
import { suppliersFeature } from "../features/suppliers";
import { usersFeature } from "../features/users";
import { webhooksFeature } from "../features/webhooks";
import { weeklyReportsFeature } from "../features/weekly-reports";
import type { Feature } from "./registry";

/** The feature registry: a module exists in the UI exactly when it is listed here. */
export const FEATURES: readonly Feature[] = [
  usersFeature,
  departmentsFeature,
  rolesFeature,
  apiTokensFeature,
  auditLogsFeature,
  dictionariesFeature,
  recycleBinFeature,
  jobsFeature,
  settingsFeature,
  webhooksFeature,
  profileFeature,
  customersFeature,
  customerGroupsFeature,
  interactionsFeature,
  poolRulesFeature,
  productsFeature,
  suppliersFeature,
  opportunitiesFeature,
  leadsFeature,
  salesPlansFeature,
  weeklyReportsFeature,
  reportsFeature,
  quotesFeature,
  contractsFeature,
  receivablesFeature,
  driveFeature,
  importsFeature,
  exportsFeature,
  approvalsFeature,
];
