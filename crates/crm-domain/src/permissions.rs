//! The permission catalogue: every module of REQUIREMENTS.md with its actions, including
//! modules not built yet, so roles and API tokens can be prepared before a module ships.
//! Codes are `<module>:<action>`; API token scopes use the same codes.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Perm {
    pub module: &'static str,
    pub action: &'static str,
}

impl Perm {
    pub const fn new(module: &'static str, action: &'static str) -> Self {
        Self { module, action }
    }
    pub fn code(&self) -> String {
        format!("{}:{}", self.module, self.action)
    }
}

/// What a route demands of its caller. Every route declares one of these; there is no
/// default, so a route cannot forget it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No credentials needed (login, refresh, health).
    Public,
    /// Any signed-in caller, API tokens included, whatever their scopes: reads that every
    /// user needs and that reveal nothing a scope guards (one's own profile, the permission
    /// catalogue, colleague names for pickers, dictionaries).
    Authenticated,
    /// A person signed in with a password (a session's access token). API tokens are
    /// refused whatever their scopes: managing tokens, the profile, the password and
    /// one's saved views would let a narrow token widen itself or take the account over.
    Session,
    /// Signed in and holding this permission.
    Perm(Perm),
}

#[derive(Debug, Clone, Serialize)]
pub struct ModuleInfo {
    pub module: &'static str,
    pub label: &'static str,
    pub label_zh: &'static str,
    pub actions: &'static [&'static str],
}

const CRUD: &[&str] = &["read", "create", "update", "delete"];
/// The four and a file of the list (`GET /<things>/export`).
const CRUD_X: &[&str] = &["read", "create", "update", "delete", "export"];
const CRUD_EXPORT: &[&str] = &["read", "create", "update", "delete", "export", "import"];

/// Every module, in menu order.
pub const MODULES: &[ModuleInfo] = &[
    ModuleInfo { module: "customers", label: "Customers", label_zh: "客户", actions: &["read", "create", "update", "delete", "export", "import", "transfer", "claim", "assign", "release", "invalidate", "merge"] },
    ModuleInfo { module: "customer_groups", label: "Customer groups", label_zh: "客户分组", actions: CRUD_X },
    ModuleInfo { module: "contacts", label: "Contacts", label_zh: "联系人", actions: CRUD_EXPORT },
    ModuleInfo { module: "follow_ups", label: "Follow-ups", label_zh: "跟进记录", actions: &["read", "create", "update", "delete", "export"] },
    ModuleInfo { module: "pool_rules", label: "Pool rules", label_zh: "公海规则", actions: &["read", "update", "apply"] },
    ModuleInfo { module: "leads", label: "Leads", label_zh: "线索", actions: &["read", "create", "update", "delete", "export", "import", "convert", "transfer"] },
    ModuleInfo { module: "opportunities", label: "Opportunities", label_zh: "商机", actions: &["read", "create", "update", "delete", "export", "import", "transfer"] },
    ModuleInfo { module: "pipeline_stages", label: "Sales stages", label_zh: "销售阶段", actions: &["read", "update"] },
    ModuleInfo { module: "quotes", label: "Quotes", label_zh: "报价", actions: &["read", "create", "update", "delete", "export", "approve"] },
    ModuleInfo { module: "orders", label: "Orders", label_zh: "订单", actions: &["read", "create", "update", "delete", "export"] },
    ModuleInfo { module: "sales_plans", label: "Sales plans and weekly reports", label_zh: "销售计划与周报", actions: CRUD_X },
    ModuleInfo { module: "contracts", label: "Contracts", label_zh: "合同", actions: &["read", "create", "update", "delete", "export", "approve", "archive"] },
    ModuleInfo { module: "payments", label: "Payments", label_zh: "回款", actions: &["read", "create", "update", "delete", "export", "import", "approve", "override"] },
    ModuleInfo { module: "invoices", label: "Invoices", label_zh: "发票", actions: &["read", "create", "update", "delete", "export", "approve", "override"] },
    ModuleInfo { module: "products", label: "Products", label_zh: "产品", actions: CRUD_EXPORT },
    ModuleInfo { module: "product_categories", label: "Product categories", label_zh: "产品类别", actions: CRUD_X },
    ModuleInfo { module: "suppliers", label: "Suppliers", label_zh: "供应商", actions: CRUD_EXPORT },
    ModuleInfo { module: "purchases", label: "Procurement", label_zh: "采购", actions: &["read", "create", "update", "delete", "export", "approve"] },
    ModuleInfo { module: "tickets", label: "Service tickets", label_zh: "服务工单", actions: &["read", "create", "update", "delete", "export", "assign"] },
    ModuleInfo { module: "complaints", label: "Complaints", label_zh: "客户投诉", actions: CRUD },
    ModuleInfo { module: "surveys", label: "Satisfaction surveys", label_zh: "满意度调查", actions: CRUD },
    ModuleInfo { module: "campaigns", label: "Campaigns", label_zh: "市场活动", actions: &["read", "create", "update", "delete", "export", "send"] },
    ModuleInfo { module: "segments", label: "Segments", label_zh: "客户细分", actions: CRUD },
    ModuleInfo { module: "targets", label: "Targets and performance", label_zh: "业绩目标", actions: CRUD },
    ModuleInfo { module: "reports", label: "Reports", label_zh: "报表", actions: &["read", "export"] },
    ModuleInfo { module: "dashboard", label: "Dashboard", label_zh: "仪表盘", actions: &["read"] },
    ModuleInfo { module: "files", label: "Enterprise drive", label_zh: "企业云盘", actions: &["read", "create", "update", "delete", "share", "manage"] },
    ModuleInfo { module: "approvals", label: "Approval flows", label_zh: "审批流", actions: &["read", "manage", "approve"] },
    ModuleInfo { module: "projects", label: "Projects", label_zh: "项目", actions: CRUD },
    ModuleInfo { module: "imports", label: "Imports", label_zh: "数据导入", actions: &["read", "create"] },
    ModuleInfo { module: "exports", label: "Background exports", label_zh: "后台导出", actions: &["read", "create"] },
    ModuleInfo { module: "webhooks", label: "Webhooks", label_zh: "Webhook", actions: CRUD },
    ModuleInfo { module: "users", label: "Users", label_zh: "用户", actions: &["read", "create", "update", "delete", "export", "reset_password"] },
    ModuleInfo { module: "departments", label: "Departments", label_zh: "部门", actions: CRUD_X },
    ModuleInfo { module: "roles", label: "Roles", label_zh: "角色", actions: CRUD_X },
    ModuleInfo { module: "audit_logs", label: "Operation log", label_zh: "操作日志", actions: &["read"] },
    ModuleInfo { module: "dictionaries", label: "Dictionaries", label_zh: "数据字典", actions: &["read", "update"] },
    ModuleInfo { module: "recycle_bin", label: "Recycle bin", label_zh: "回收站", actions: &["read", "restore"] },
    ModuleInfo { module: "jobs", label: "Background jobs", label_zh: "后台任务", actions: &["read", "manage"] },
    ModuleInfo { module: "settings", label: "System settings", label_zh: "系统设置", actions: &["read", "update"] },
];

pub fn action_label(action: &str) -> (&'static str, &'static str) {
    match action {
        "read" => ("View", "查看"),
        "create" => ("Create", "新建"),
        "update" => ("Edit", "编辑"),
        "delete" => ("Delete", "删除"),
        "export" => ("Export", "导出"),
        "import" => ("Import", "导入"),
        "transfer" => ("Transfer", "转移"),
        "claim" => ("Claim", "领取"),
        "assign" => ("Assign", "分配"),
        "release" => ("Release", "放回公海"),
        "invalidate" => ("Invalidate", "设为无效"),
        "merge" => ("Merge", "合并"),
        "apply" => ("Apply now", "立即执行"),
        "convert" => ("Convert", "转化"),
        "approve" => ("Approve", "审批"),
        "archive" => ("Archive", "归档"),
        "send" => ("Send", "发送"),
        "share" => ("Share", "共享"),
        "manage" => ("Manage", "管理"),
        "reset_password" => ("Reset password", "重置密码"),
        "restore" => ("Restore", "恢复"),
        "override" => ("Exceed the contract amount", "超出合同金额登记"),
        _ => ("Other", "其他"),
    }
}

/// Every permission code in the catalogue.
pub fn all_codes() -> Vec<String> {
    MODULES
        .iter()
        .flat_map(|m| m.actions.iter().map(move |a| format!("{}:{}", m.module, a)))
        .collect()
}

pub fn is_known_code(code: &str) -> bool {
    match code.split_once(':') {
        Some((module, action)) => MODULES
            .iter()
            .any(|m| m.module == module && m.actions.contains(&action)),
        None => false,
    }
}

/// Permission constants for routes, so a typo is a compile error, not a silent denial.
pub mod perms {
    use super::Perm;
    pub const USERS_READ: Perm = Perm::new("users", "read");
    pub const USERS_CREATE: Perm = Perm::new("users", "create");
    pub const USERS_UPDATE: Perm = Perm::new("users", "update");
    pub const USERS_DELETE: Perm = Perm::new("users", "delete");
    pub const USERS_EXPORT: Perm = Perm::new("users", "export");
    pub const USERS_RESET_PASSWORD: Perm = Perm::new("users", "reset_password");
    pub const DEPARTMENTS_READ: Perm = Perm::new("departments", "read");
    pub const DEPARTMENTS_CREATE: Perm = Perm::new("departments", "create");
    pub const DEPARTMENTS_UPDATE: Perm = Perm::new("departments", "update");
    pub const DEPARTMENTS_DELETE: Perm = Perm::new("departments", "delete");
    pub const DEPARTMENTS_EXPORT: Perm = Perm::new("departments", "export");
    pub const ROLES_READ: Perm = Perm::new("roles", "read");
    pub const ROLES_CREATE: Perm = Perm::new("roles", "create");
    pub const ROLES_UPDATE: Perm = Perm::new("roles", "update");
    pub const ROLES_DELETE: Perm = Perm::new("roles", "delete");
    pub const ROLES_EXPORT: Perm = Perm::new("roles", "export");
    pub const AUDIT_LOGS_READ: Perm = Perm::new("audit_logs", "read");
    pub const DICTIONARIES_READ: Perm = Perm::new("dictionaries", "read");
    pub const DICTIONARIES_UPDATE: Perm = Perm::new("dictionaries", "update");
    pub const RECYCLE_BIN_READ: Perm = Perm::new("recycle_bin", "read");
    pub const RECYCLE_BIN_RESTORE: Perm = Perm::new("recycle_bin", "restore");
    pub const CUSTOMERS_READ: Perm = Perm::new("customers", "read");
    pub const JOBS_READ: Perm = Perm::new("jobs", "read");
    pub const JOBS_MANAGE: Perm = Perm::new("jobs", "manage");
    pub const FILES_READ: Perm = Perm::new("files", "read");
    pub const FILES_CREATE: Perm = Perm::new("files", "create");
    pub const FILES_UPDATE: Perm = Perm::new("files", "update");
    pub const FILES_DELETE: Perm = Perm::new("files", "delete");
    pub const FILES_SHARE: Perm = Perm::new("files", "share");
    /// Keeps the company's and every department's space: adds, renames and deletes there.
    pub const FILES_MANAGE: Perm = Perm::new("files", "manage");
    pub const SETTINGS_READ: Perm = Perm::new("settings", "read");
    pub const SETTINGS_UPDATE: Perm = Perm::new("settings", "update");
    pub const CUSTOMERS_CREATE: Perm = Perm::new("customers", "create");
    pub const CUSTOMERS_UPDATE: Perm = Perm::new("customers", "update");
    pub const CUSTOMERS_DELETE: Perm = Perm::new("customers", "delete");
    pub const CUSTOMERS_CLAIM: Perm = Perm::new("customers", "claim");
    pub const CUSTOMERS_RELEASE: Perm = Perm::new("customers", "release");
    pub const CUSTOMERS_INVALIDATE: Perm = Perm::new("customers", "invalidate");
    pub const CUSTOMERS_IMPORT: Perm = Perm::new("customers", "import");
    pub const CONTACTS_IMPORT: Perm = Perm::new("contacts", "import");
    pub const LEADS_IMPORT: Perm = Perm::new("leads", "import");
    pub const PRODUCTS_IMPORT: Perm = Perm::new("products", "import");
    pub const SUPPLIERS_IMPORT: Perm = Perm::new("suppliers", "import");
    pub const OPPORTUNITIES_IMPORT: Perm = Perm::new("opportunities", "import");
    pub const PAYMENTS_IMPORT: Perm = Perm::new("payments", "import");
    pub const CUSTOMERS_EXPORT: Perm = Perm::new("customers", "export");
    pub const CUSTOMERS_MERGE: Perm = Perm::new("customers", "merge");
    pub const CUSTOMERS_ASSIGN: Perm = Perm::new("customers", "assign");
    pub const CUSTOMERS_TRANSFER: Perm = Perm::new("customers", "transfer");
    pub const POOL_RULES_READ: Perm = Perm::new("pool_rules", "read");
    pub const POOL_RULES_UPDATE: Perm = Perm::new("pool_rules", "update");
    pub const POOL_RULES_APPLY: Perm = Perm::new("pool_rules", "apply");
    pub const CONTACTS_READ: Perm = Perm::new("contacts", "read");
    pub const CONTACTS_CREATE: Perm = Perm::new("contacts", "create");
    pub const CONTACTS_UPDATE: Perm = Perm::new("contacts", "update");
    pub const CONTACTS_DELETE: Perm = Perm::new("contacts", "delete");
    pub const CONTACTS_EXPORT: Perm = Perm::new("contacts", "export");
    pub const FOLLOW_UPS_READ: Perm = Perm::new("follow_ups", "read");
    pub const FOLLOW_UPS_CREATE: Perm = Perm::new("follow_ups", "create");
    pub const FOLLOW_UPS_UPDATE: Perm = Perm::new("follow_ups", "update");
    pub const FOLLOW_UPS_EXPORT: Perm = Perm::new("follow_ups", "export");
    pub const FOLLOW_UPS_DELETE: Perm = Perm::new("follow_ups", "delete");
    pub const PRODUCT_CATEGORIES_READ: Perm = Perm::new("product_categories", "read");
    pub const PRODUCT_CATEGORIES_CREATE: Perm = Perm::new("product_categories", "create");
    pub const PRODUCT_CATEGORIES_UPDATE: Perm = Perm::new("product_categories", "update");
    pub const PRODUCT_CATEGORIES_DELETE: Perm = Perm::new("product_categories", "delete");
    pub const PRODUCT_CATEGORIES_EXPORT: Perm = Perm::new("product_categories", "export");
    pub const PRODUCTS_READ: Perm = Perm::new("products", "read");
    pub const PRODUCTS_CREATE: Perm = Perm::new("products", "create");
    pub const PRODUCTS_UPDATE: Perm = Perm::new("products", "update");
    pub const PRODUCTS_DELETE: Perm = Perm::new("products", "delete");
    pub const PRODUCTS_EXPORT: Perm = Perm::new("products", "export");
    pub const SUPPLIERS_READ: Perm = Perm::new("suppliers", "read");
    pub const SUPPLIERS_CREATE: Perm = Perm::new("suppliers", "create");
    pub const SUPPLIERS_UPDATE: Perm = Perm::new("suppliers", "update");
    pub const SUPPLIERS_DELETE: Perm = Perm::new("suppliers", "delete");
    pub const SUPPLIERS_EXPORT: Perm = Perm::new("suppliers", "export");
    pub const CUSTOMER_GROUPS_READ: Perm = Perm::new("customer_groups", "read");
    pub const CUSTOMER_GROUPS_CREATE: Perm = Perm::new("customer_groups", "create");
    pub const CUSTOMER_GROUPS_UPDATE: Perm = Perm::new("customer_groups", "update");
    pub const CUSTOMER_GROUPS_DELETE: Perm = Perm::new("customer_groups", "delete");
    pub const CUSTOMER_GROUPS_EXPORT: Perm = Perm::new("customer_groups", "export");
    pub const PIPELINE_STAGES_READ: Perm = Perm::new("pipeline_stages", "read");
    pub const PIPELINE_STAGES_UPDATE: Perm = Perm::new("pipeline_stages", "update");
    pub const OPPORTUNITIES_READ: Perm = Perm::new("opportunities", "read");
    pub const OPPORTUNITIES_CREATE: Perm = Perm::new("opportunities", "create");
    pub const OPPORTUNITIES_UPDATE: Perm = Perm::new("opportunities", "update");
    pub const OPPORTUNITIES_DELETE: Perm = Perm::new("opportunities", "delete");
    pub const SALES_PLANS_READ: Perm = Perm::new("sales_plans", "read");
    pub const SALES_PLANS_CREATE: Perm = Perm::new("sales_plans", "create");
    pub const SALES_PLANS_UPDATE: Perm = Perm::new("sales_plans", "update");
    pub const SALES_PLANS_DELETE: Perm = Perm::new("sales_plans", "delete");
    pub const SALES_PLANS_EXPORT: Perm = Perm::new("sales_plans", "export");
    pub const REPORTS_READ: Perm = Perm::new("reports", "read");
    pub const REPORTS_EXPORT: Perm = Perm::new("reports", "export");
    pub const LEADS_EXPORT: Perm = Perm::new("leads", "export");
    pub const OPPORTUNITIES_EXPORT: Perm = Perm::new("opportunities", "export");
    pub const LEADS_READ: Perm = Perm::new("leads", "read");
    pub const LEADS_CREATE: Perm = Perm::new("leads", "create");
    pub const LEADS_UPDATE: Perm = Perm::new("leads", "update");
    pub const LEADS_DELETE: Perm = Perm::new("leads", "delete");
    pub const LEADS_CONVERT: Perm = Perm::new("leads", "convert");
    pub const LEADS_TRANSFER: Perm = Perm::new("leads", "transfer");
    pub const QUOTES_READ: Perm = Perm::new("quotes", "read");
    pub const QUOTES_CREATE: Perm = Perm::new("quotes", "create");
    pub const QUOTES_UPDATE: Perm = Perm::new("quotes", "update");
    pub const QUOTES_DELETE: Perm = Perm::new("quotes", "delete");
    pub const ORDERS_READ: Perm = Perm::new("orders", "read");
    pub const ORDERS_CREATE: Perm = Perm::new("orders", "create");
    pub const ORDERS_UPDATE: Perm = Perm::new("orders", "update");
    pub const ORDERS_DELETE: Perm = Perm::new("orders", "delete");
    pub const QUOTES_EXPORT: Perm = Perm::new("quotes", "export");
    pub const ORDERS_EXPORT: Perm = Perm::new("orders", "export");
    pub const CONTRACTS_READ: Perm = Perm::new("contracts", "read");
    pub const CONTRACTS_CREATE: Perm = Perm::new("contracts", "create");
    pub const CONTRACTS_UPDATE: Perm = Perm::new("contracts", "update");
    pub const CONTRACTS_DELETE: Perm = Perm::new("contracts", "delete");
    pub const CONTRACTS_ARCHIVE: Perm = Perm::new("contracts", "archive");
    pub const CONTRACTS_EXPORT: Perm = Perm::new("contracts", "export");
    pub const PAYMENTS_EXPORT: Perm = Perm::new("payments", "export");
    pub const INVOICES_EXPORT: Perm = Perm::new("invoices", "export");
    pub const PAYMENTS_READ: Perm = Perm::new("payments", "read");
    pub const PAYMENTS_CREATE: Perm = Perm::new("payments", "create");
    pub const PAYMENTS_UPDATE: Perm = Perm::new("payments", "update");
    pub const PAYMENTS_DELETE: Perm = Perm::new("payments", "delete");
    pub const PAYMENTS_OVERRIDE: Perm = Perm::new("payments", "override");
    pub const INVOICES_READ: Perm = Perm::new("invoices", "read");
    pub const INVOICES_CREATE: Perm = Perm::new("invoices", "create");
    pub const INVOICES_UPDATE: Perm = Perm::new("invoices", "update");
    pub const INVOICES_DELETE: Perm = Perm::new("invoices", "delete");
    pub const INVOICES_OVERRIDE: Perm = Perm::new("invoices", "override");
    pub const APPROVALS_READ: Perm = Perm::new("approvals", "read");
    pub const APPROVALS_APPROVE: Perm = Perm::new("approvals", "approve");
    pub const APPROVALS_MANAGE: Perm = Perm::new("approvals", "manage");
    pub const IMPORTS_READ: Perm = Perm::new("imports", "read");
    pub const IMPORTS_CREATE: Perm = Perm::new("imports", "create");
    pub const EXPORTS_READ: Perm = Perm::new("exports", "read");
    pub const EXPORTS_CREATE: Perm = Perm::new("exports", "create");
    pub const WEBHOOKS_READ: Perm = Perm::new("webhooks", "read");
    pub const WEBHOOKS_CREATE: Perm = Perm::new("webhooks", "create");
    pub const WEBHOOKS_UPDATE: Perm = Perm::new("webhooks", "update");
    pub const WEBHOOKS_DELETE: Perm = Perm::new("webhooks", "delete");
}

/// The built-in roles seeded on first start.
pub struct BuiltinRole {
    pub name: &'static str,
    pub description: &'static str,
    pub scope: crate::DataScope,
    pub permissions: fn() -> Vec<String>,
}

fn sales_codes(with_manage: bool) -> Vec<String> {
    let sales_modules = [
        "customers", "customer_groups", "contacts", "follow_ups", "leads", "opportunities", "quotes", "orders",
        "sales_plans", "contracts", "payments", "invoices", "tickets", "complaints", "surveys",
    ];
    let manager_only = ["delete", "assign", "transfer", "approve", "merge", "import", "override"];
    let mut codes: Vec<String> = MODULES
        .iter()
        .filter(|m| sales_modules.contains(&m.module))
        .flat_map(|m| {
            m.actions
                .iter()
                .filter(|a| with_manage || !manager_only.contains(a))
                .map(move |a| format!("{}:{}", m.module, a))
        })
        .collect();
    let reads = [
        "products:read", "product_categories:read", "suppliers:read", "pipeline_stages:read",
        "dictionaries:read", "reports:read", "dashboard:read", "files:read", "files:create", "files:update", "files:delete", "files:share",
        "approvals:read", "approvals:approve", "pool_rules:read", "campaigns:read", "segments:read",
        "projects:read", "targets:read",
        // Importing a file of records needs the records' own `<module>:import` and
        // `<module>:create` too (a rep's few below, a manager's every sales module).
        "imports:read", "imports:create",
        // Likewise a background export needs the list's own `<module>:export`.
        "exports:read", "exports:create",
    ];
    codes.extend(reads.iter().map(|s| s.to_string()));
    // A rep deletes the groups they keep; the data scope limits it to their own. A rep
    // imports the records they work on alone (leads, contacts, opportunities); customers
    // and payments in bulk are a manager's (`import` is in `manager_only`).
    if !with_manage {
        codes.extend(["customer_groups:delete", "leads:import", "contacts:import", "opportunities:import"].map(String::from));
    }
    if with_manage {
        codes.extend(["users:read", "users:export", "departments:read", "departments:export", "reports:export", "targets:create", "targets:update", "files:manage"].map(String::from));
    }
    codes
}

pub const BUILTIN_ROLES: &[BuiltinRole] = &[
    BuiltinRole { name: "admin", description: "Administrator: every permission, all data", scope: crate::DataScope::All, permissions: all_codes },
    BuiltinRole { name: "sales_manager", description: "Sales manager: the department tree's records", scope: crate::DataScope::DepartmentTree, permissions: || sales_codes(true) },
    BuiltinRole { name: "sales_rep", description: "Sales representative: own records", scope: crate::DataScope::Own, permissions: || sales_codes(false) },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_codes_are_unique_and_known() {
        let codes = all_codes();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len());
        for role in BUILTIN_ROLES {
            let granted = (role.permissions)();
            for c in &granted {
                assert!(is_known_code(c), "{} grants unknown {c}", role.name);
            }
            // Bootstrap records each grant once (a unique key): a code listed twice fails it.
            let mut once = granted.clone();
            once.sort();
            once.dedup();
            assert_eq!(once.len(), granted.len(), "{} lists a code twice", role.name);
        }
        assert!(!is_known_code("customers:fly"));
        assert!(!is_known_code("nothing"));
    }

    #[test]
    fn rep_cannot_delete_customers_but_manager_can() {
        let rep = (BUILTIN_ROLES[2].permissions)();
        let mgr = (BUILTIN_ROLES[1].permissions)();
        assert!(rep.contains(&"customers:read".to_string()));
        assert!(!rep.contains(&"customers:delete".to_string()));
        assert!(mgr.contains(&"customers:delete".to_string()));
        assert!(!mgr.contains(&"roles:create".to_string()));
    }
}
